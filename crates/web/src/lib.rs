//! HTTP: HTML pages and the JSON API over the application.
