//! What a line of a case's timeline records. Stored as text in `case_events.kind`; every kind
//! has a message `event-<kind>` in every language (tested in the web crate).

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Opened,
    Status,
    MemberAdded,
    Assessed,
    PriorityConfirmed,
    Assigned,
    FactsSaved,
    DocumentAdded,
    ItemDecided,
    CompletenessChecked,
    ReferralRequested,
    ReferralAccepted,
    TransferAccepted,
    ReferralRejected,
    ReferralRevoked,
}

impl EventKind {
    pub const ALL: [EventKind; 15] = [
        EventKind::Opened,
        EventKind::Status,
        EventKind::MemberAdded,
        EventKind::Assessed,
        EventKind::PriorityConfirmed,
        EventKind::Assigned,
        EventKind::FactsSaved,
        EventKind::DocumentAdded,
        EventKind::ItemDecided,
        EventKind::CompletenessChecked,
        EventKind::ReferralRequested,
        EventKind::ReferralAccepted,
        EventKind::TransferAccepted,
        EventKind::ReferralRejected,
        EventKind::ReferralRevoked,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Opened => "opened",
            EventKind::Status => "status",
            EventKind::MemberAdded => "member_added",
            EventKind::Assessed => "assessed",
            EventKind::PriorityConfirmed => "priority_confirmed",
            EventKind::Assigned => "assigned",
            EventKind::FactsSaved => "facts_saved",
            EventKind::DocumentAdded => "document_added",
            EventKind::ItemDecided => "item_decided",
            EventKind::CompletenessChecked => "completeness_checked",
            EventKind::ReferralRequested => "referral_requested",
            EventKind::ReferralAccepted => "referral_accepted",
            EventKind::TransferAccepted => "transfer_accepted",
            EventKind::ReferralRejected => "referral_rejected",
            EventKind::ReferralRevoked => "referral_revoked",
        }
    }

    pub fn parse(text: &str) -> Result<EventKind> {
        EventKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
            .ok_or_else(|| Error::Internal(format!("unknown case event kind {text}")))
    }
}

#[cfg(test)]
mod tests {
    use super::EventKind;

    #[test]
    fn every_kind_reads_back_as_itself() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::parse(kind.as_str()).ok(), Some(kind));
        }
        assert!(EventKind::parse("nonsense").is_err());
    }
}
