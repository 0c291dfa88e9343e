//! The application: domain modules, storage, policy, audit and encryption.
