# Completeness report, plain-language summary (caseworker and migrant facing).

summary-complete = The application is complete: all { $total } documents are present and acceptable.
summary-review = Nothing is missing, but a caseworker must check { $review } of { $total } documents before the application is sent.
summary-incomplete = The application is not complete yet: { $missing } missing, { $invalid } not acceptable, { $review } to check (of { $total } documents).

item-satisfied = { $person }: { $document } — accepted.
item-missing = { $person }: { $document } is missing. Required by { $citation }.
item-invalid = { $person }: { $document } cannot be accepted: { $reasons }. Required by { $citation }.
item-review = { $person }: { $document } needs a caseworker's check: { $reasons }. ({ $citation })

reason-separator = {"; "}
reason-mrz-invalid = the machine-readable zone does not verify
reason-mrz-contradicts-record = the machine-readable zone does not match the { $field ->
        [number] document number
        [issuing_state] issuing country
        [birth_date] date of birth
        [nationality] nationality
       *[expiry_date] expiry date
    } on the record
reason-name-differs = the name differs from the declared name
reason-name-phonetic = the name is spelled differently (probably another transcription of the same name)
reason-name-swapped = surname and given names appear swapped compared with the declared name
reason-birth-date-differs = the date of birth differs from the declared one
reason-nationality-differs = the nationality differs from the declared one
reason-issued-after-expiry = the issue date is after the expiry date
reason-expired = it has expired
reason-expires-too-soon = it must be valid at least { $months } months beyond the travel date
reason-validity-unknown = the travel date or the expiry date is not known
reason-too-old = it must have been issued within the last { $months } months
reason-issue-date-unknown = the issue date is not known
reason-translation-missing = a certified translation into { $language } is missing
reason-legalisation-missing = legalisation or an apostille is missing
reason-number-used-by-another-person = the same document number is recorded for another person
reason-may-be-required = it may be required, depending on facts not yet known
