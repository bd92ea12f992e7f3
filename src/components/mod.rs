pub mod highlight;
pub mod markdown;
pub mod palette;
pub mod problems;
pub mod records;
pub mod search_box;
pub mod theme;
pub mod virtual_list;
