"""The audit pages. Each view: the object from the access layer, a service, a presenter, a
template. A service's refusal (an identifier in the text, a grade missing) is shown on the
form, against its field, with everything the user typed kept.

`audits` has the programme, an audit, its findings and questions; `tools` the audit tools;
`cases` the case audits; `common` what they share."""
