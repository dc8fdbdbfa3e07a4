"""English messages other layers make, as the reader sees them, for the catalogs.

Form and field errors (directory/listings, the listing form), search-parameter notices,
reports, edit links and the organizations' notices are English product copy in their own
modules (the CSV importer and the API share them). The web layer shows each through
``phrases.say``, which finds it here: a plain message by its text, a formatted one by its
pattern (``{name}`` stands for a value). A message missing here stays English; the page tests
catch that.
"""

from __future__ import annotations

from directory.i18n.text import N_

MESSAGES: tuple[str, ...] = (
    # the default crisis line (directory/config.py DEFAULT_CRISIS_LINE); a configured one is
    # shown as written
    N_("In crisis? In the US call or text 988. Elsewhere, call your local emergency number."),
    # listing fields (directory/listings/fields.py, schema.py) as the form shows them
    N_("This contains control characters"),
    N_("This is {length} characters long; the limit is {limit}"),
    N_("This is required"),
    N_("This is required (mon, tue, wed, thu, fri, sat or sun)"),
    N_("Unknown {what} code '{code}' (use one of: {known})"),
    N_("'{value}' is not a two-letter ISO 639-1 language code"),
    N_("'{value}' is not a time in HH:MM (24-hour) form"),
    N_("'{value}' is not a possible time (00:00 to 23:59)"),
    N_("'{value}' is not a date in YYYY-MM-DD form"),
    N_("'{value}' is not a possible date"),
    N_("'{value}' is not a weekday (mon, tue, wed, thu, fri, sat or sun)"),
    N_("'{value}' is not an IANA time zone name such as America/Chicago (UTC offsets and "
       "abbreviations are not accepted)"),
    N_("'{value}' is not a recurrence: use weekly, or monthly:1,3 (1st and 3rd) or monthly:-1 "
       "(last)"),
    N_("'{value}' is not an e-mail address"),
    N_("'{value}' is not a web address starting with http:// or https://"),
    N_("'{value}' is not a phone number"),
    N_("'{value}' is not an amount such as 10 or 12.50"),
    N_("'{value}' is not an amount between 0 and 100000"),
    N_("'{value}' has more than two decimal places"),
    N_("'{value}' is not a three-letter currency code such as USD"),
    N_("'{value}' is not a two-letter country code such as US, CA, GB, AU"),
    N_("'{value}' is not a number"),
    N_("'{value}' must be yes or no"),
    N_("Has more than 50 entries"),
    N_("This is before starts_on"),
    N_("A fee amount is only allowed when cost is fee or sliding-scale"),
    N_("Required when cost is fee"),
    N_("Required with fee_amount (e.g. USD)"),
    N_("Required with fee_currency"),
    N_("A {attendance} meeting needs a place (address, city, postal_code, country, or "
       "latitude and longitude)"),
    N_("An {kind} meeting needs online_url or online_phone"),
    # the listing form (directory/web/listing_form.py)
    N_("This is not after the start time. If the meeting runs past midnight, tick “Ends "
       "after midnight”"),
    N_("We could not work out the time zone from this address: choose it from the list"),
    N_("This is required for a meeting without an address: choose the time zone from the list"),
    N_("Choose at least one topic."),
    N_("The form had {sent} meetings; a listing can have at most {most}. Only the first {shown} "
       "are shown: list the others as a second group."),
    # CSRF and rate limits (directory/web/forms.py, organizations/views.py)
    N_("This form had expired or did not come from this site, so nothing was saved. "
       "Everything you typed is still here: please check it and send it again."),
    N_("You have sent several listings in a short time, so this one was not saved yet. "
       "Everything you typed is still here: please send it again in an hour, or write to us "
       "if you list many groups."),
    # the owner's edit page (organizations/views.py)
    N_("Thank you. Your changes are waiting for a moderator; the live listing stays as it "
       "was until they are approved."),
    N_("Thank you: the listing is marked as verified today."),
    N_("The listing is paused: it no longer appears in search."),
    N_("The listing is live again."),
    N_("This is your new private edit link (the old one no longer works). Keep this page's "
       "address; it was also e-mailed to you if we have your address."),
    N_("The co-owner has been e-mailed their own edit link."),
    N_("The co-owner was removed and their links no longer work."),
    # reports (services/reports.py)
    N_("The day or time is wrong"),
    N_("The group didn't meet"),
    N_("The online link or phone number doesn't work"),
    N_("Something else"),
    N_("Choose what is wrong."),
    N_("This is {length} characters long; the limit is {limit}."),
    N_("This contains control characters."),
    N_("Please tell us what is wrong."),
    # edit links, claims and recovery (services/edit_links.py, organizations/link_views.py)
    N_("Enter an e-mail address like name@example.org."),
    N_("A listing can have at most {count} co-owners."),
    N_("Enter your e-mail address, like name@example.org."),
    N_("Paste the listing's address (…/groups/name-of-group) or leave this empty for every "
       "listing of this address."),
    N_("This link was not sent to an address."),
    # search parameters (services/search_params.py) and the search (services/search.py)
    N_("Unknown parameter “{name}” was ignored."),
    N_("“{name}” was given more than once; the first value was used."),
    N_("The search text was shortened to {count} characters."),
    N_("“{value}” is not a known {name} and was ignored."),
    N_("Only the first {count} {name} values were used."),
    N_("The place was shortened to {count} characters."),
    N_("Latitude and longitude must be given together; both were ignored."),
    N_("Both a place and coordinates were given; the coordinates were used."),
    N_("“{value}” is not a unit (mi or km); miles were used."),
    N_("“{value}” is not a distance; the default was used."),
    N_("The radius was limited to {radius}."),
    N_("A radius needs a place; it was ignored."),
    N_("“{value}” is not open or closed and was ignored."),
    N_("“{value}” is not a time zone such as America/Chicago."),
    N_("“{value}” is not a sort order; best match was used."),
    N_("Unknown view “{value}” was ignored; the choices are cards or list."),
    N_("Sorting by distance needs a place; best match was used."),
    N_("“{value}” is not a {name} between {low} and {high}."),
    N_("“{value}” is not a whole number; {default} was used."),
    N_("{name} must be between {low} and {high}; {default} was used."),
    N_("We couldn't find the place “{text}”; showing groups anywhere."),
    N_("Place search is not available; showing groups anywhere."),
    N_("We don't know your time zone, so “today” is each meeting's own today. Add a place to "
       "use yours."),
)

# Why a new edit link was sent (organizations/link_views.py), said in the mail.
WHY_MESSAGES: tuple[str, ...] = (
    # the default crisis line (directory/config.py DEFAULT_CRISIS_LINE); a configured one is
    # shown as written
    N_("In crisis? In the US call or text 988. Elsewhere, call your local emergency number."),
    N_("You claimed this listing on Circles."),
    N_("Your old link had expired, so here is a new one."),
    N_("You replaced your edit link; the old one no longer works."),
    N_("The owner of this listing on Circles added you as a co-owner."),
)
