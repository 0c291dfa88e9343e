//! Law as data: loads rule packs, evaluates pathways with three-valued logic and explains why.
