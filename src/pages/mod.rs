pub mod data;
pub mod not_found;
pub mod service;
pub mod services;
