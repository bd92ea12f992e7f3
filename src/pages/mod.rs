pub mod article;
pub mod data;
pub mod impact;
pub mod not_found;
pub mod records;
pub mod search;
pub mod service;
pub mod services;
