#!/usr/bin/env python3
"""Build the Circles sample directory: seed_data/directory.csv.

Everything in the output is FICTIONAL: organizations, venues, street numbers, e-mail
addresses (example.org / example.com / example.net only) and phone numbers (reserved
fictional ranges only: NANP 555-0100..0199, Ofcom 01632 960xxx drama range, ACMA
02 5550 xxxx and 0491 570 006..159).  Cities, postcodes and coordinates are real-format so
that search by place works.

Deterministic: stdlib only, one random.Random with a fixed seed, and dates relative to the
fixed reference date REF_DATE (never the clock).  Running it twice gives a byte-identical
file.  Run:  python3 seed_data/build_sample.py   (from anywhere; writes next to this file)

The end of the file is a self-check that parses the CSV back and asserts the coverage the
sample directory promises (every closed vocabulary value, countries, time zones, ...).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

SEED = 20261101
REF_DATE = dt.date(2026, 11, 1)
HERE = Path(__file__).resolve().parent
OUT = HERE / "directory.csv"

COLUMNS = [
    "group_slug", "group_name", "organization", "description", "topics", "approach",
    "format", "cost", "fee_amount", "fee_currency", "languages", "audience", "access",
    "welcome", "registration_required", "facilitation", "contact_email", "contact_phone",
    "website", "weekday", "start_time", "end_time", "timezone", "recurrence",
    "location_name", "address", "city", "region", "postal_code", "country", "latitude",
    "longitude", "online_url", "online_phone", "online_notes", "last_verified", "status",
    "starts_on", "ends_on", "accepting_new_members", "attendance",
]
MEETING_COLUMNS = {
    "weekday", "start_time", "end_time", "timezone", "recurrence", "location_name",
    "address", "city", "region", "postal_code", "country", "latitude", "longitude",
    "online_url", "online_phone", "online_notes", "starts_on", "ends_on", "attendance",
}
# Per-meeting attendance (the optional column): empty follows the group's format.
ATTENDANCES = ["in-person", "online", "hybrid", "inactive"]
GROUP_COLUMNS = [c for c in COLUMNS if c not in MEETING_COLUMNS]

# Closed vocabularies (mirrors directory/taxonomy.py; cross-checked in the self-check).
CHILD_TOPICS = [
    "family-and-friends", "adult-children", "relationships",
    "alcohol", "drugs", "gambling", "sex-and-love", "food", "gaming-and-tech", "nicotine",
    "anxiety", "depression", "grief", "stress", "trauma", "loneliness", "self-esteem",
    "caregivers",
]
PARENT_TOPICS = ["codependency", "addiction", "wellness"]
FORMATS = ["in-person", "online", "hybrid", "phone"]
COSTS = ["free", "donation", "sliding-scale", "fee"]
APPROACHES = ["twelve-step", "smart", "secular", "faith-based", "mindfulness", "other"]
AUDIENCES = ["everyone", "women", "men", "lgbtq", "young-adults", "teens", "seniors",
             "families", "veterans", "bipoc", "parents"]
ACCESS = ["wheelchair", "wheelchair-bathroom", "asl", "captions", "fragrance-free", "childcare"]
WELCOME = ["open", "closed"]
FACILITATION = ["peer-led", "professional"]
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DAY_NAMES = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
             "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}
CURRENCY = {"US": "USD", "CA": "CAD", "GB": "GBP", "AU": "AUD", "NZ": "NZD", "IE": "EUR"}
SYMBOL = {"USD": "$", "CAD": "$", "GBP": "£", "AUD": "$", "NZD": "$", "EUR": "€"}

# ---------------------------------------------------------------------------------------
# Places.  key: (city, region, country, tz, lat, lon, groups here, postcodes, phone area,
#                neighbourhoods, streets)
# Postcodes are real-format codes for that city; streets are common names used with
# made-up house numbers.
# ---------------------------------------------------------------------------------------
GENERIC_US_STREETS = ["Main St", "Oak St", "Maple Ave", "Park Ave", "Cedar St", "Elm St",
                      "Washington Ave", "Lincoln Ave", "Church St", "Grand Ave", "Pine St",
                      "Walnut St", "Jefferson St", "Franklin Ave", "Spring St", "Chestnut St"]
GENERIC_CA_STREETS = ["King St", "Queen St", "Victoria Ave", "Wellington St", "Church St",
                      "Albert St", "Main St", "Elm St", "Park Ave", "College St", "Erie Ave"]
GENERIC_UK_STREETS = ["High Street", "Station Road", "Church Lane", "Victoria Road",
                      "Park Road", "Mill Lane", "Green Lane", "Chapel Street", "York Road",
                      "Albert Road", "Queen's Road", "Market Street"]
GENERIC_AU_STREETS = ["George St", "King St", "Elizabeth St", "Victoria St", "Albert St",
                      "Church St", "Bridge Rd", "Station St", "High St", "Queen St",
                      "Railway Pde", "Beach Rd"]
GENERIC_HOODS = ["Eastside", "Westside", "Northside", "Old Town", "Riverside", "Midtown",
                 "Southside", "Hillcrest"]

CITIES = {
    # ---- United States ----
    "pdx": ("Portland", "OR", "US", "America/Los_Angeles", 45.5152, -122.6784, 28,
            ["97201", "97202", "97205", "97209", "97211", "97212", "97213", "97214",
             "97215", "97217", "97219", "97220", "97227", "97232", "97266"], "503",
            ["Hawthorne", "Alberta", "Sellwood", "St. Johns", "Buckman", "Montavilla",
             "Kenton", "Hollywood", "Woodstock", "Pearl District", "Lents", "Irvington"],
            ["SE Belmont St", "SE Hawthorne Blvd", "NE Alberta St", "NE Sandy Blvd",
             "N Lombard St", "SE Division St", "NW Everett St", "NE Broadway",
             "SE Stark St", "N Interstate Ave", "SE Woodstock Blvd", "NE Glisan St",
             "SW Taylor St", "SE 39th Ave", "N Killingsworth St"]),
    "sea": ("Seattle", "WA", "US", "America/Los_Angeles", 47.6062, -122.3321, 14,
            ["98101", "98102", "98103", "98105", "98107", "98109", "98112", "98115",
             "98118", "98122", "98144"], "206",
            ["Capitol Hill", "Ballard", "Fremont", "Columbia City", "Beacon Hill",
             "Wallingford", "Queen Anne", "Greenwood"],
            ["E Pine St", "NW Market St", "Rainier Ave S", "N 45th St", "15th Ave E",
             "Beacon Ave S", "Greenwood Ave N", "E Union St", "Fremont Ave N"]),
    "spk": ("Spokane", "WA", "US", "America/Los_Angeles", 47.6588, -117.4260, 2,
            ["99201", "99202", "99203", "99205", "99207"], "509", [], []),
    "eug": ("Eugene", "OR", "US", "America/Los_Angeles", 44.0521, -123.0868, 3,
            ["97401", "97402", "97403", "97405"], "541", ["Whiteaker", "South Eugene"],
            ["Willamette St", "W 11th Ave", "Blair Blvd", "E 13th Ave"]),
    "sfo": ("San Francisco", "CA", "US", "America/Los_Angeles", 37.7749, -122.4194, 8,
            ["94102", "94103", "94107", "94110", "94114", "94117", "94122"], "415",
            ["Mission", "Castro", "Sunset", "Haight", "SoMa", "Tenderloin"],
            ["Valencia St", "Market St", "Irving St", "Haight St", "Mission St",
             "Divisadero St", "18th St"]),
    "oak": ("Oakland", "CA", "US", "America/Los_Angeles", 37.8044, -122.2712, 4,
            ["94606", "94607", "94609", "94610", "94612", "94619"], "510",
            ["Temescal", "Fruitvale", "Lake Merritt"],
            ["Telegraph Ave", "International Blvd", "Grand Ave", "Lakeshore Ave"]),
    "lax": ("Los Angeles", "CA", "US", "America/Los_Angeles", 34.0522, -118.2437, 16,
            ["90004", "90012", "90019", "90026", "90027", "90042", "90057"], "213",
            ["Echo Park", "Koreatown", "Highland Park", "Silver Lake", "Boyle Heights",
             "Los Feliz"],
            ["W Sunset Blvd", "Wilshire Blvd", "N Figueroa St", "W 6th St",
             "Hillhurst Ave", "E Cesar E Chavez Ave", "S Vermont Ave"]),
    "san": ("San Diego", "CA", "US", "America/Los_Angeles", 32.7157, -117.1611, 6,
            ["92101", "92103", "92104", "92116"], "619", ["North Park", "Hillcrest"],
            ["University Ave", "30th St", "El Cajon Blvd", "Adams Ave"]),
    "sac": ("Sacramento", "CA", "US", "America/Los_Angeles", 38.5816, -121.4944, 2,
            ["95811", "95814", "95816", "95818"], "916", ["Midtown", "Land Park"],
            ["J St", "K St", "Broadway", "21st St"]),
    "phx": ("Phoenix", "AZ", "US", "America/Phoenix", 33.4484, -112.0740, 7,
            ["85003", "85004", "85006", "85008", "85012", "85016"], "602",
            ["Roosevelt Row", "Arcadia", "Coronado", "Garfield"],
            ["N 7th St", "E McDowell Rd", "N Central Ave", "E Thomas Rd", "E Roosevelt St"]),
    "tus": ("Tucson", "AZ", "US", "America/Phoenix", 32.2226, -110.9747, 2,
            ["85701", "85705", "85716", "85719"], "520", [],
            ["E Speedway Blvd", "N 4th Ave", "E Broadway Blvd"]),
    "den": ("Denver", "CO", "US", "America/Denver", 39.7392, -104.9903, 7,
            ["80202", "80203", "80205", "80206", "80210", "80218"], "303",
            ["Capitol Hill", "Five Points", "Baker", "Highland", "Park Hill"],
            ["E Colfax Ave", "S Broadway", "Welton St", "E 17th Ave", "Tennyson St"]),
    "slc": ("Salt Lake City", "UT", "US", "America/Denver", 40.7608, -111.8910, 2,
            ["84101", "84102", "84103", "84105", "84111"], "801", ["Sugar House", "The Avenues"],
            ["S State St", "E 900 S", "S 700 E", "E South Temple"]),
    "abq": ("Albuquerque", "NM", "US", "America/Denver", 35.0844, -106.6504, 2,
            ["87102", "87104", "87106", "87108", "87110"], "505", ["Nob Hill", "Old Town"],
            ["Central Ave SE", "Lomas Blvd NE", "4th St NW", "Girard Blvd NE"]),
    "boi": ("Boise", "ID", "US", "America/Boise", 43.6150, -116.2023, 2,
            ["83702", "83705", "83706"], "208", ["North End"],
            ["W State St", "N 13th St", "W Idaho St"]),
    "chi": ("Chicago", "IL", "US", "America/Chicago", 41.8781, -87.6298, 18,
            ["60605", "60607", "60608", "60613", "60614", "60618", "60622", "60625",
             "60640", "60647"], "312",
            ["Logan Square", "Pilsen", "Uptown", "Lakeview", "Wicker Park", "Avondale",
             "Lincoln Square", "Bronzeville", "Andersonville"],
            ["N Milwaukee Ave", "W 18th St", "N Broadway", "W Belmont Ave",
             "N Lincoln Ave", "S Michigan Ave", "N Clark St", "W Fullerton Ave",
             "W Division St", "N Kedzie Ave"]),
    "msp": ("Minneapolis", "MN", "US", "America/Chicago", 44.9778, -93.2650, 5,
            ["55401", "55403", "55404", "55405", "55406", "55408", "55414"], "612",
            ["Longfellow", "Cedar-Riverside", "Powderhorn", "Uptown", "Northeast"],
            ["E Lake St", "Cedar Ave S", "Hennepin Ave", "Nicollet Ave", "Central Ave NE"]),
    "aus": ("Austin", "TX", "US", "America/Chicago", 30.2672, -97.7431, 4,
            ["78701", "78702", "78704", "78705", "78723", "78751"], "512",
            ["East Austin", "South Congress", "Hyde Park", "Mueller"],
            ["E Cesar Chavez St", "S 1st St", "Guadalupe St", "E 12th St", "Manor Rd"]),
    "hou": ("Houston", "TX", "US", "America/Chicago", 29.7604, -95.3698, 11,
            ["77002", "77004", "77006", "77007", "77008", "77019"], "713",
            ["Montrose", "Third Ward", "Heights", "East End", "Midtown"],
            ["Westheimer Rd", "Almeda Rd", "W 19th St", "Navigation Blvd", "Main St"]),
    "bna": ("Nashville", "TN", "US", "America/Chicago", 36.1627, -86.7816, 2,
            ["37203", "37204", "37206", "37208", "37212"], "615", ["East Nashville", "12 South"],
            ["Gallatin Ave", "12th Ave S", "Charlotte Ave", "Woodland St"]),
    "mci": ("Kansas City", "MO", "US", "America/Chicago", 39.0997, -94.5786, 2,
            ["64105", "64108", "64109", "64111"], "816", ["Westport", "Midtown"],
            ["Main St", "Broadway Blvd", "Troost Ave", "W 39th St"]),
    "mke": ("Milwaukee", "WI", "US", "America/Chicago", 43.0389, -87.9065, 2,
            ["53202", "53203", "53204", "53212"], "414", ["Bay View", "Riverwest"],
            ["S Kinnickinnic Ave", "E Locust St", "N Water St", "W National Ave"]),
    "nyc": ("New York", "NY", "US", "America/New_York", 40.7128, -74.0060, 18,
            ["10001", "10003", "10009", "10011", "10012", "10014", "10025", "10027",
             "10031", "10002"], "212",
            ["Chelsea", "East Village", "Harlem", "Lower East Side", "Upper West Side",
             "Greenwich Village", "Washington Heights", "Hell's Kitchen"],
            ["W 23rd St", "E 7th St", "Amsterdam Ave", "Lenox Ave", "Avenue B",
             "Bleecker St", "W 14th St", "Broadway", "St Nicholas Ave", "Rivington St"]),
    "bkn": ("Brooklyn", "NY", "US", "America/New_York", 40.6782, -73.9442, 8,
            ["11201", "11211", "11215", "11217", "11238"], "718",
            ["Park Slope", "Williamsburg", "Fort Greene", "Crown Heights", "Bed-Stuy"],
            ["7th Ave", "Bedford Ave", "Fulton St", "Atlantic Ave", "Nostrand Ave",
             "Court St"]),
    "bos": ("Boston", "MA", "US", "America/New_York", 42.3601, -71.0589, 7,
            ["02108", "02114", "02115", "02116", "02118", "02130"], "617",
            ["Jamaica Plain", "South End", "Back Bay", "Dorchester", "Beacon Hill"],
            ["Centre St", "Tremont St", "Boylston St", "Columbus Ave", "Dorchester Ave",
             "Charles St"]),
    "phl": ("Philadelphia", "PA", "US", "America/New_York", 39.9526, -75.1652, 5,
            ["19103", "19104", "19106", "19107", "19123", "19147"], "215",
            ["Fishtown", "West Philly", "South Philly", "Northern Liberties"],
            ["Frankford Ave", "Baltimore Ave", "S 9th St", "Spring Garden St",
             "Walnut St"]),
    "pit": ("Pittsburgh", "PA", "US", "America/New_York", 40.4406, -79.9959, 2,
            ["15206", "15213", "15217", "15222"], "412", ["Squirrel Hill", "East Liberty"],
            ["Forbes Ave", "Penn Ave", "Murray Ave", "Liberty Ave"]),
    "dca": ("Washington", "DC", "US", "America/New_York", 38.9072, -77.0369, 4,
            ["20001", "20002", "20003", "20009", "20010"], "202",
            ["Columbia Heights", "Capitol Hill", "Shaw", "Adams Morgan"],
            ["14th St NW", "Pennsylvania Ave SE", "U St NW", "Georgia Ave NW",
             "H St NE"]),
    "atl": ("Atlanta", "GA", "US", "America/New_York", 33.7490, -84.3880, 4,
            ["30303", "30306", "30307", "30308", "30309", "30312"], "404",
            ["Little Five Points", "Old Fourth Ward", "Midtown", "West End"],
            ["Moreland Ave NE", "Edgewood Ave SE", "Peachtree St NE", "Ralph David Abernathy Blvd"]),
    "mia": ("Miami", "FL", "US", "America/New_York", 25.7617, -80.1918, 11,
            ["33125", "33130", "33131", "33135", "33137"], "305",
            ["Little Havana", "Wynwood", "Little Haiti", "Brickell"],
            ["SW 8th St", "NW 2nd Ave", "NE 2nd Ave", "SW 1st Ave", "Biscayne Blvd"]),
    "dtw": ("Detroit", "MI", "US", "America/Detroit", 42.3314, -83.0458, 3,
            ["48201", "48202", "48207", "48208", "48226"], "313",
            ["Midtown", "Corktown", "New Center"],
            ["Woodward Ave", "Michigan Ave", "Cass Ave", "W Grand Blvd"]),
    "avl": ("Asheville", "NC", "US", "America/New_York", 35.5951, -82.5515, 2,
            ["28801", "28803", "28804", "28806"], "828", ["West Asheville"],
            ["Haywood Rd", "Merrimon Ave", "Biltmore Ave"]),
    "btv": ("Burlington", "VT", "US", "America/New_York", 44.4759, -73.2121, 2,
            ["05401", "05408"], "802", ["Old North End"],
            ["N Winooski Ave", "Pearl St", "College St"]),
    "anc": ("Anchorage", "AK", "US", "America/Anchorage", 61.2181, -149.9003, 2,
            ["99501", "99503", "99504", "99508"], "907", ["Spenard", "Mountain View"],
            ["Spenard Rd", "E 5th Ave", "Northern Lights Blvd"]),
    "hnl": ("Honolulu", "HI", "US", "Pacific/Honolulu", 21.3069, -157.8583, 2,
            ["96813", "96814", "96815", "96817", "96822"], "808", ["Kaimukī", "Mānoa"],
            ["Waialae Ave", "S King St", "Kapahulu Ave", "Nuuanu Ave"]),
    # ---- Canada ----
    "tor": ("Toronto", "ON", "CA", "America/Toronto", 43.6532, -79.3832, 14,
            ["M5V 2T6", "M4Y 1H4", "M6J 1J5", "M5S 1A1", "M4M 2S1", "M6K 3P6",
             "M5T 2C7", "M4K 1N2", "M6G 1L5", "M6H 2Z8"], "416",
            ["Leslieville", "Parkdale", "Kensington Market", "The Annex", "Riverdale",
             "Church-Wellesley", "Little Portugal", "the Danforth"],
            ["Queen St E", "Queen St W", "Bloor St W", "Dundas St W", "Danforth Ave",
             "Church St", "College St", "Spadina Ave", "Gerrard St E"]),
    "wat": ("Waterloo", "ON", "CA", "America/Toronto", 43.4643, -80.5204, 7,
            ["N2L 3G1", "N2L 5Z4", "N2J 4A8", "N2J 2Y7", "N2K 3T6", "N2T 2Z3", "N2V 1K3"],
            "519", ["Uptown Waterloo", "Lakeshore", "Beechwood", "Eastbridge"],
            ["King St N", "Erb St W", "Albert St", "Columbia St W", "Weber St N",
             "University Ave E", "Regina St N"]),
    "kit": ("Kitchener", "ON", "CA", "America/Toronto", 43.4516, -80.4925, 3,
            ["N2G 4G7", "N2H 3X3", "N2M 2C2", "N2E 3K7", "N2B 1J9"], "519",
            ["Downtown Kitchener", "Victoria Park"],
            ["King St W", "Queen St S", "Victoria St N", "Frederick St"]),
    "ott": ("Ottawa", "ON", "CA", "America/Toronto", 45.4215, -75.6972, 9,
            ["K1N 5Y3", "K1P 5G8", "K1R 7X5", "K1S 3W7", "K1Y 1E5", "K2P 1B4"], "613",
            ["the Glebe", "Centretown", "Vanier", "Hintonburg"],
            ["Bank St", "Somerset St W", "Montreal Rd", "Wellington St W", "Elgin St"]),
    "ham": ("Hamilton", "ON", "CA", "America/Toronto", 43.2557, -79.8711, 2,
            ["L8P 4R5", "L8R 2K3", "L8L 5W2", "L8N 3G4"], "905", ["Westdale", "James North"],
            ["James St N", "Locke St S", "King St E", "Barton St E"]),
    "mtl": ("Montréal", "QC", "CA", "America/Toronto", 45.5017, -73.5673, 20,
            ["H2X 1Y4", "H2J 3K5", "H2T 1S6", "H3H 1E3", "H2L 4M2", "H1V 2Z7"], "514",
            ["Plateau-Mont-Royal", "Hochelaga", "Villeray", "Verdun", "Rosemont"],
            ["rue Saint-Denis", "boulevard Saint-Laurent", "rue Ontario Est",
             "avenue du Mont-Royal Est", "rue Wellington", "rue Jarry Est"]),
    "qcy": ("Québec", "QC", "CA", "America/Toronto", 46.8139, -71.2080, 12,
            ["G1R 2B5", "G1K 3A9", "G1L 1M9", "G1S 1C1", "G1V 0A6", "G1J 1A1"], "418",
            ["Saint-Roch", "Limoilou", "Saint-Jean-Baptiste", "Montcalm", "Sainte-Foy"],
            ["rue Saint-Joseph Est", "3e Avenue", "rue Saint-Jean", "avenue Cartier",
             "chemin Sainte-Foy", "boulevard Charest Est"]),
    "van": ("Vancouver", "BC", "CA", "America/Vancouver", 49.2827, -123.1207, 7,
            ["V6B 1H4", "V5L 3X2", "V6K 2G8", "V5N 4A5", "V6Z 1L2", "V5T 3J7", "V6A 2T2"],
            "604", ["Commercial Drive", "Kitsilano", "Mount Pleasant", "Strathcona",
                    "the West End", "Chinatown"],
            ["Commercial Dr", "W 4th Ave", "Main St", "E Hastings St", "Davie St",
             "Kingsway", "E Pender St"]),
    "vic": ("Victoria", "BC", "CA", "America/Vancouver", 48.4284, -123.3656, 2,
            ["V8W 1J6", "V8V 3K4", "V8T 2N5", "V8R 4Z3"], "250", ["Fernwood", "James Bay"],
            ["Fort St", "Cook St", "Fernwood Rd", "Quadra St"]),
    "yyc": ("Calgary", "AB", "CA", "America/Edmonton", 51.0447, -114.0719, 3,
            ["T2P 1J9", "T2R 0B6", "T2G 0S7", "T2N 1N4", "T3C 0J7"], "403",
            ["Beltline", "Inglewood", "Kensington"],
            ["17 Ave SW", "9 Ave SE", "Kensington Rd NW", "4 St SW"]),
    "yeg": ("Edmonton", "AB", "CA", "America/Edmonton", 53.5461, -113.4938, 2,
            ["T5J 0K1", "T5K 2J1", "T6E 2A3", "T5H 3Z2"], "780", ["Old Strathcona", "Oliver"],
            ["Whyte Ave", "Jasper Ave", "124 St NW", "118 Ave NW"]),
    "ywg": ("Winnipeg", "MB", "CA", "America/Winnipeg", 49.8951, -97.1384, 2,
            ["R3C 0V8", "R3B 1B9", "R3L 0W5", "R3M 2Y3", "R2W 3A2"], "204",
            ["Osborne Village", "the Exchange", "St. Boniface"],
            ["Osborne St", "Main St", "Corydon Ave", "Provencher Blvd"]),
    "hfx": ("Halifax", "NS", "CA", "America/Halifax", 44.6488, -63.5752, 3,
            ["B3J 1P3", "B3H 3C3", "B3K 5L2", "B3L 3J9"], "902", ["North End", "Quinpool"],
            ["Gottingen St", "Quinpool Rd", "Agricola St", "Barrington St"]),
    "yyt": ("St. John's", "NL", "CA", "America/St_Johns", 47.5615, -52.7126, 2,
            ["A1C 1B2", "A1C 5M2", "A1E 1B7", "A1B 3P7"], "709", ["Georgestown"],
            ["Water St", "Duckworth St", "LeMarchant Rd", "Merrymeeting Rd"]),
    "yxe": ("Saskatoon", "SK", "CA", "America/Regina", 52.1332, -106.6700, 2,
            ["S7K 0J5", "S7N 0W7", "S7H 0T6"], "306", ["Broadway", "Riversdale"],
            ["Broadway Ave", "20th St W", "Spadina Cres E"]),
    # ---- United Kingdom ----
    "lon": ("London", "England", "GB", "Europe/London", 51.5074, -0.1278, 16,
            ["N1 9GU", "E8 1DY", "SE15 4QL", "NW5 2HR", "SW9 8BJ", "W12 7RJ", "E2 7DG",
             "SE1 7PB", "N16 8EH", "WC1X 8QH", "E17 4PP", "SW2 1RW"], "",
            ["Hackney", "Peckham", "Brixton", "Kentish Town", "Islington", "Bethnal Green",
             "Stoke Newington", "Walthamstow", "Shepherd's Bush", "King's Cross"],
            ["Mare Street", "Rye Lane", "Coldharbour Lane", "Fortess Road",
             "Upper Street", "Roman Road", "Church Street", "Hoe Street",
             "Uxbridge Road", "Caledonian Road", "Lower Marsh"]),
    "man": ("Manchester", "England", "GB", "Europe/London", 53.4808, -2.2426, 10,
            ["M1 1AD", "M4 6WX", "M13 9PL", "M14 5LT", "M16 7RL", "M20 6RX", "M15 5FQ"], "",
            ["the Northern Quarter", "Ancoats", "Levenshulme", "Chorlton", "Didsbury",
             "Rusholme", "Hulme"],
            ["Oldham Street", "Stockport Road", "Wilmslow Road", "Barlow Moor Road",
             "Great Ancoats Street", "Princess Road", "Beech Road"]),
    "lds": ("Leeds", "England", "GB", "Europe/London", 53.8008, -1.5491, 3,
            ["LS1 4DL", "LS2 9JT", "LS6 2UD", "LS7 3HB", "LS11 5QT"], "",
            ["Headingley", "Chapel Allerton", "Hyde Park"],
            ["Otley Road", "Harrogate Road", "Woodhouse Lane", "Kirkstall Road"]),
    "bhm": ("Birmingham", "England", "GB", "Europe/London", 52.4862, -1.8904, 4,
            ["B1 2JP", "B5 6DD", "B12 9QN", "B13 8HA", "B29 6BD"], "",
            ["Digbeth", "Moseley", "Kings Heath", "Selly Oak"],
            ["Digbeth High Street", "Alcester Road", "Bristol Road", "Ladypool Road"]),
    "bri": ("Bristol", "England", "GB", "Europe/London", 51.4545, -2.5879, 3,
            ["BS1 5TR", "BS2 8QN", "BS3 1RZ", "BS5 6XX", "BS6 5BW"], "",
            ["Easton", "Bedminster", "Stokes Croft", "Redland"],
            ["Stapleton Road", "North Street", "Cheltenham Road", "Gloucester Road"]),
    "lpl": ("Liverpool", "England", "GB", "Europe/London", 53.4084, -2.9916, 3,
            ["L1 4JQ", "L7 8TQ", "L8 2TX", "L15 2HD"], "", ["Toxteth", "Wavertree", "Kensington"],
            ["Bold Street", "Smithdown Road", "Lodge Lane", "Picton Road"]),
    "ncl": ("Newcastle upon Tyne", "England", "GB", "Europe/London", 54.9783, -1.6178, 2,
            ["NE1 4ST", "NE2 1AB", "NE4 5NL", "NE6 5QL"], "", ["Heaton", "Jesmond", "Byker"],
            ["Chillingham Road", "Osborne Road", "Shields Road", "Westgate Road"]),
    "btn": ("Brighton", "England", "GB", "Europe/London", 50.8225, -0.1372, 3,
            ["BN1 1UG", "BN2 0JE", "BN1 4GH", "BN3 3WB"], "", ["Kemptown", "the North Laine"],
            ["St James's Street", "Trafalgar Street", "Lewes Road", "Church Road"]),
    "shf": ("Sheffield", "England", "GB", "Europe/London", 53.3811, -1.4701, 2,
            ["S1 2HE", "S2 4QT", "S7 1FE", "S10 2TN", "S11 8YA"], "", ["Sharrow", "Crookes"],
            ["Abbeydale Road", "Ecclesall Road", "London Road", "Crookes Road"]),
    "edi": ("Edinburgh", "Scotland", "GB", "Europe/London", 55.9533, -3.1883, 4,
            ["EH1 1QS", "EH3 9DR", "EH6 6JJ", "EH7 5QY", "EH8 9YL", "EH11 2DN"], "",
            ["Leith", "Marchmont", "Gorgie", "Tollcross"],
            ["Leith Walk", "Great Junction Street", "Dalry Road", "Bruntsfield Place",
             "Easter Road"]),
    "gla": ("Glasgow", "Scotland", "GB", "Europe/London", 55.8642, -4.2518, 3,
            ["G1 1XQ", "G3 6AN", "G11 5PE", "G12 8QQ", "G31 2HX", "G41 2SD"], "",
            ["the West End", "Dennistoun", "Partick", "Govanhill"],
            ["Great Western Road", "Duke Street", "Dumbarton Road", "Victoria Road"]),
    "cdf": ("Cardiff", "Wales", "GB", "Europe/London", 51.4816, -3.1791, 3,
            ["CF10 1BH", "CF11 9HW", "CF24 3LJ", "CF14 3NL", "CF5 1QE"], "",
            ["Cathays", "Canton", "Roath", "Grangetown"],
            ["Cowbridge Road East", "City Road", "Albany Road", "Clare Road"]),
    "bfs": ("Belfast", "Northern Ireland", "GB", "Europe/London", 54.5973, -5.9301, 2,
            ["BT1 5GS", "BT7 1NN", "BT9 6AB", "BT12 4GD", "BT15 2GB"], "",
            ["the Ormeau Road", "the Cathedral Quarter"],
            ["Ormeau Road", "Lisburn Road", "Donegall Street", "Antrim Road"]),
    # ---- Australia ----
    "syd": ("Sydney", "NSW", "AU", "Australia/Sydney", -33.8688, 151.2093, 12,
            ["2000", "2010", "2016", "2017", "2037", "2042", "2050"], "2",
            ["Surry Hills", "Newtown", "Glebe", "Redfern", "Darlinghurst", "Marrickville",
             "Camperdown"],
            ["Crown St", "King St", "Glebe Point Rd", "Cleveland St", "Oxford St",
             "Enmore Rd", "Regent St", "Missenden Rd"]),
    "bne": ("Brisbane", "QLD", "AU", "Australia/Brisbane", -27.4698, 153.0251, 9,
            ["4000", "4005", "4006", "4059", "4064", "4101", "4169"], "",
            ["West End", "Fortitude Valley", "New Farm", "Paddington", "Woolloongabba",
             "Kangaroo Point"],
            ["Boundary St", "Brunswick St", "Merthyr Rd", "Given Tce", "Logan Rd",
             "Ann St", "Montague Rd"]),
    "mel": ("Melbourne", "VIC", "AU", "Australia/Melbourne", -37.8136, 144.9631, 12,
            ["3000", "3051", "3053", "3056", "3065", "3066", "3121", "3182"], "",
            ["Fitzroy", "Brunswick", "Collingwood", "Richmond", "St Kilda", "Carlton",
             "North Melbourne"],
            ["Brunswick St", "Sydney Rd", "Smith St", "Swan St", "Acland St",
             "Lygon St", "Errol St", "Gertrude St"]),
    "per": ("Perth", "WA", "AU", "Australia/Perth", -31.9505, 115.8605, 4,
            ["6000", "6003", "6005", "6006", "6050"], "", ["Northbridge", "Leederville", "Mount Lawley"],
            ["William St", "Oxford St", "Beaufort St", "Hay St"]),
    "adl": ("Adelaide", "SA", "AU", "Australia/Adelaide", -34.9285, 138.6007, 3,
            ["5000", "5006", "5034", "5063", "5067"], "", ["North Adelaide", "Unley", "Norwood"],
            ["Rundle St", "King William Rd", "The Parade", "O'Connell St"]),
    "hba": ("Hobart", "TAS", "AU", "Australia/Hobart", -42.8821, 147.3272, 2,
            ["7000", "7004", "7005"], "", ["North Hobart", "Sandy Bay"],
            ["Elizabeth St", "Sandy Bay Rd", "Liverpool St"]),
    "cbr": ("Canberra", "ACT", "AU", "Australia/Sydney", -35.2809, 149.1300, 2,
            ["2601", "2602", "2603", "2612"], "2", ["Braddon", "Dickson", "Kingston"],
            ["Lonsdale St", "Northbourne Ave", "Woolley St", "Giles St"]),
    "drw": ("Darwin", "NT", "AU", "Australia/Darwin", -12.4634, 130.8456, 2,
            ["0800", "0810", "0820"], "", ["Parap", "Nightcliff"],
            ["Mitchell St", "Parap Rd", "Smith St"]),
    # ---- New Zealand and Ireland (no phone numbers: no reserved fictional ranges) ----
    "akl": ("Auckland", "Auckland", "NZ", "Pacific/Auckland", -36.8485, 174.7633, 3,
            ["1010", "1011", "1021", "1023", "1024"], None, ["Ponsonby", "Grey Lynn", "Mt Eden"],
            ["Ponsonby Rd", "Great North Rd", "Dominion Rd", "Karangahape Rd"]),
    "wlg": ("Wellington", "Wellington", "NZ", "Pacific/Auckland", -41.2865, 174.7762, 2,
            ["6011", "6012", "6021"], None, ["Newtown", "Te Aro"],
            ["Cuba St", "Riddiford St", "Willis St"]),
    "dub": ("Dublin", "Dublin", "IE", "Europe/Dublin", 53.3498, -6.2603, 3,
            ["D01 F5P2", "D02 X285", "D07 N2F6", "D08 HT27", "D06 E4A0"], None,
            ["Phibsborough", "the Liberties", "Rathmines", "Stoneybatter"],
            ["Dorset Street", "Thomas Street", "Rathmines Road", "Manor Street"]),
    "ork": ("Cork", "Cork", "IE", "Europe/Dublin", 51.8985, -8.4756, 2,
            ["T12 X70A", "T12 R2NC", "T23 K5C8"], None, ["Shandon", "Douglas"],
            ["MacCurtain Street", "Douglas Street", "Shandon Street"]),
}

# Neighbourhood detail for the featured cities: hood -> (lat, lon, streets, postcodes), so
# a venue's street, postcode and coordinates agree with the neighbourhood in its name.
HOODS = {
    "pdx": {
        "Hawthorne": (45.5122, -122.6220, ["SE Hawthorne Blvd", "SE Madison St", "SE 39th Ave"], ["97214"]),
        "Alberta": (45.5590, -122.6450, ["NE Alberta St", "NE Killingsworth St", "NE 15th Ave"], ["97211"]),
        "Sellwood": (45.4650, -122.6530, ["SE 13th Ave", "SE Tacoma St", "SE Milwaukie Ave"], ["97202"]),
        "Buckman": (45.5190, -122.6470, ["SE Stark St", "SE Belmont St", "SE 20th Ave"], ["97214"]),
        "Montavilla": (45.5190, -122.5790, ["SE Stark St", "NE Glisan St", "SE 80th Ave"], ["97215"]),
        "Kenton": (45.5830, -122.6880, ["N Denver Ave", "N Interstate Ave", "N Lombard St"], ["97217"]),
        "Hollywood": (45.5350, -122.6200, ["NE Sandy Blvd", "NE Broadway", "NE 42nd Ave"], ["97213"]),
        "Woodstock": (45.4790, -122.6150, ["SE Woodstock Blvd", "SE 45th Ave", "SE 52nd Ave"], ["97206"]),
        "Pearl District": (45.5290, -122.6820, ["NW Everett St", "NW Glisan St", "NW 11th Ave"], ["97209"]),
        "Irvington": (45.5400, -122.6470, ["NE Broadway", "NE 15th Ave", "NE Tillamook St"], ["97212"]),
        "Boise-Eliot": (45.5510, -122.6760, ["N Mississippi Ave", "N Williams Ave", "N Fremont St"], ["97227"]),
        "Richmond": (45.5050, -122.6250, ["SE Division St", "SE Clinton St", "SE 30th Ave"], ["97202"]),
        "Downtown": (45.5180, -122.6790, ["SW Taylor St", "SW Broadway", "SW 4th Ave"], ["97205", "97204"]),
        "Lloyd District": (45.5320, -122.6560, ["NE Multnomah St", "NE Broadway", "NE 11th Ave"], ["97232"]),
    },
    "sea": {
        "Capitol Hill": (47.6230, -122.3190, ["E Pine St", "15th Ave E", "E Olive Way"], ["98102", "98122"]),
        "Ballard": (47.6680, -122.3840, ["NW Market St", "24th Ave NW", "Ballard Ave NW"], ["98107"]),
        "Fremont": (47.6510, -122.3500, ["Fremont Ave N", "N 36th St", "Evanston Ave N"], ["98103"]),
        "Columbia City": (47.5590, -122.2860, ["Rainier Ave S", "S Edmunds St", "S Hudson St"], ["98118"]),
        "Beacon Hill": (47.5670, -122.3120, ["Beacon Ave S", "S Lander St", "15th Ave S"], ["98144"]),
        "Wallingford": (47.6610, -122.3340, ["N 45th St", "Stone Way N", "Wallingford Ave N"], ["98103"]),
        "Queen Anne": (47.6370, -122.3570, ["Queen Anne Ave N", "W Galer St", "W McGraw St"], ["98109"]),
        "Central District": (47.6080, -122.3000, ["E Union St", "23rd Ave", "E Cherry St"], ["98122"]),
    },
    "chi": {
        "Pilsen": (41.8570, -87.6590, ["W 18th St", "S Ashland Ave", "S Blue Island Ave"], ["60608"]),
        "Wicker Park": (41.9090, -87.6770, ["W Division St", "N Damen Ave", "N Milwaukee Ave"], ["60622"]),
        "Lakeview": (41.9430, -87.6540, ["W Belmont Ave", "N Clark St", "N Halsted St"], ["60613", "60657"]),
        "Bronzeville": (41.8230, -87.6170, ["S Martin Luther King Dr", "E 47th St", "S Michigan Ave"], ["60653", "60615"]),
        "Logan Square": (41.9230, -87.7080, ["N Milwaukee Ave", "W Fullerton Ave", "N Kedzie Ave"], ["60647"]),
        "West Loop": (41.8820, -87.6480, ["W Randolph St", "W Madison St", "W Lake St"], ["60607"]),
        "South Loop": (41.8580, -87.6270, ["S Michigan Ave", "S Wabash Ave", "S State St"], ["60605"]),
        "Old Town": (41.9110, -87.6380, ["N Wells St", "W North Ave", "N Sedgwick St"], ["60610"]),
    },
    "nyc": {
        "Chelsea": (40.7465, -74.0014, ["W 23rd St", "8th Ave", "W 19th St"], ["10011", "10001"]),
        "East Village": (40.7265, -73.9815, ["E 7th St", "Avenue B", "2nd Ave"], ["10009", "10003"]),
        "Lower East Side": (40.7150, -73.9843, ["Rivington St", "Orchard St", "Delancey St"], ["10002"]),
        "Greenwich Village": (40.7336, -74.0027, ["Bleecker St", "W 10th St", "6th Ave"], ["10014", "10012"]),
        "Hell's Kitchen": (40.7638, -73.9918, ["W 46th St", "9th Ave", "10th Ave"], ["10036"]),
        "Upper West Side": (40.7870, -73.9754, ["Amsterdam Ave", "W 86th St", "Columbus Ave"], ["10024", "10025"]),
        "Murray Hill": (40.7479, -73.9757, ["Lexington Ave", "E 34th St", "3rd Ave"], ["10016"]),
        "Chinatown": (40.7158, -73.9970, ["Mott St", "Canal St", "Eldridge St"], ["10013", "10002"]),
    },
    "tor": {
        "Leslieville": (43.6626, -79.3357, ["Queen St E", "Jones Ave", "Carlaw Ave"], ["M4M 1H4", "M4M 2S1"]),
        "Parkdale": (43.6400, -79.4370, ["Queen St W", "King St W", "Cowan Ave"], ["M6K 1X9", "M6K 3P6"]),
        "Kensington Market": (43.6547, -79.4005, ["Augusta Ave", "Baldwin St", "Spadina Ave"], ["M5T 2C7", "M5T 1V3"]),
        "The Annex": (43.6700, -79.4070, ["Bloor St W", "Brunswick Ave", "Huron St"], ["M5S 1A1", "M5R 2E4"]),
        "Riverdale": (43.6700, -79.3500, ["Danforth Ave", "Broadview Ave", "Logan Ave"], ["M4K 1N2", "M4K 1P1"]),
        "Church-Wellesley": (43.6655, -79.3810, ["Church St", "Wellesley St E", "Alexander St"], ["M4Y 1H4", "M4Y 2C1"]),
        "Little Portugal": (43.6480, -79.4260, ["Dundas St W", "Ossington Ave", "Gladstone Ave"], ["M6J 1J5", "M6J 1V1"]),
    },
    "wat": {
        "Uptown Waterloo": (43.4650, -80.5220, ["King St N", "Erb St E", "Regina St N", "Willis Way"], ["N2J 2Y7", "N2J 4A8"]),
        "Lakeshore": (43.4900, -80.5350, ["Albert St", "Lakeshore Dr", "Columbia St W"], ["N2K 3T6", "N2L 5Z4"]),
        "Beechwood": (43.4620, -80.5600, ["Erb St W", "Beechwood Dr", "Westmount Rd N"], ["N2T 2Z3", "N2L 6P4"]),
        "Eastbridge": (43.4850, -80.5050, ["Bridge St W", "Eastbridge Blvd", "Weber St N"], ["N2K 3T6", "N2K 1X3"]),
        "Northdale": (43.4720, -80.5370, ["University Ave W", "Phillip St", "King St N"], ["N2L 3G1", "N2L 5Z4"]),
    },
    "lon": {
        "Hackney": (51.5450, -0.0553, ["Mare Street", "Morning Lane", "Well Street"], ["E8 1DY", "E8 3RH"]),
        "Peckham": (51.4740, -0.0690, ["Rye Lane", "Peckham High Street", "Bellenden Road"], ["SE15 4QL", "SE15 5EW"]),
        "Brixton": (51.4613, -0.1156, ["Coldharbour Lane", "Brixton Road", "Acre Lane"], ["SW9 8BJ", "SW2 5RU"]),
        "Kentish Town": (51.5500, -0.1400, ["Fortess Road", "Kentish Town Road", "Leighton Road"], ["NW5 2HR", "NW5 1AB"]),
        "Islington": (51.5380, -0.1030, ["Upper Street", "Essex Road", "Liverpool Road"], ["N1 1QP", "N1 2UQ"]),
        "Bethnal Green": (51.5270, -0.0550, ["Roman Road", "Bethnal Green Road", "Globe Road"], ["E2 7DG", "E2 0HL"]),
        "Stoke Newington": (51.5620, -0.0740, ["Church Street", "Stoke Newington High Street", "Albion Road"], ["N16 8EH", "N16 0LH"]),
        "Camden Town": (51.5390, -0.1426, ["Camden High Street", "Parkway", "Pratt Street"], ["NW1 7JE", "NW1 0JH"]),
        "Shepherd's Bush": (51.5040, -0.2240, ["Uxbridge Road", "Goldhawk Road", "Askew Road"], ["W12 7RJ", "W12 8LH"]),
        "King's Cross": (51.5300, -0.1240, ["Caledonian Road", "Pentonville Road", "Gray's Inn Road"], ["N1 9GU", "WC1X 8QH"]),
        "Lambeth": (51.4980, -0.1130, ["Lower Marsh", "Kennington Road", "Lambeth Walk"], ["SE1 7PB", "SE11 4PW"]),
    },
    "man": {
        "the Northern Quarter": (53.4840, -2.2350, ["Oldham Street", "Thomas Street", "Tib Street"], ["M1 1JQ", "M4 1LE"]),
        "Ancoats": (53.4850, -2.2250, ["Great Ancoats Street", "Blossom Street", "Jersey Street"], ["M4 6WX", "M4 5AH"]),
        "Levenshulme": (53.4440, -2.1920, ["Stockport Road", "Chapel Street", "Barlow Road"], ["M19 3AB", "M19 3PZ"]),
        "Chorlton": (53.4420, -2.2780, ["Beech Road", "Barlow Moor Road", "Wilbraham Road"], ["M21 9EG", "M21 0BW"]),
        "Didsbury": (53.4160, -2.2310, ["Wilmslow Road", "School Lane", "Lapwing Lane"], ["M20 6RX", "M20 2SF"]),
        "Rusholme": (53.4550, -2.2240, ["Wilmslow Road", "Dickenson Road", "Platt Lane"], ["M14 5LT", "M14 5AP"]),
        "Hulme": (53.4670, -2.2500, ["Princess Road", "Stretford Road", "Royce Road"], ["M15 5FQ", "M15 5BJ"]),
    },
    "syd": {
        "Surry Hills": (-33.8860, 151.2110, ["Crown St", "Bourke St", "Cleveland St"], ["2010"]),
        "Newtown": (-33.8970, 151.1790, ["King St", "Enmore Rd", "Australia St"], ["2042"]),
        "Glebe": (-33.8790, 151.1850, ["Glebe Point Rd", "St Johns Rd", "Bridge Rd"], ["2037"]),
        "Redfern": (-33.8930, 151.2040, ["Regent St", "Redfern St", "Pitt St"], ["2016"]),
        "Darlinghurst": (-33.8790, 151.2200, ["Oxford St", "Victoria St", "Crown St"], ["2010"]),
        "Marrickville": (-33.9110, 151.1550, ["Illawarra Rd", "Marrickville Rd", "Victoria Rd"], ["2204"]),
        "Camperdown": (-33.8890, 151.1780, ["Missenden Rd", "Parramatta Rd", "Australia St"], ["2050"]),
    },
    "bne": {
        "West End": (-27.4820, 153.0100, ["Boundary St", "Montague Rd", "Vulture St"], ["4101"]),
        "Fortitude Valley": (-27.4570, 153.0340, ["Brunswick St", "Ann St", "Wickham St"], ["4006"]),
        "New Farm": (-27.4670, 153.0500, ["Merthyr Rd", "Brunswick St", "Sydney St"], ["4005"]),
        "Paddington": (-27.4600, 152.9990, ["Given Tce", "Latrobe Tce", "Caxton St"], ["4064"]),
        "Woolloongabba": (-27.4900, 153.0360, ["Logan Rd", "Stanley St", "Ipswich Rd"], ["4102"]),
        "Kangaroo Point": (-27.4770, 153.0350, ["Main St", "Shafston Ave", "Lambert St"], ["4169"]),
    },
    "mel": {
        "Fitzroy": (-37.7990, 144.9780, ["Brunswick St", "Gertrude St", "Johnston St"], ["3065"]),
        "Brunswick": (-37.7670, 144.9610, ["Sydney Rd", "Lygon St", "Albert St"], ["3056"]),
        "Collingwood": (-37.8020, 144.9880, ["Smith St", "Johnston St", "Wellington St"], ["3066"]),
        "Richmond": (-37.8180, 144.9980, ["Swan St", "Bridge Rd", "Church St"], ["3121"]),
        "St Kilda": (-37.8670, 144.9800, ["Acland St", "Fitzroy St", "Grey St"], ["3182"]),
        "Carlton": (-37.8000, 144.9670, ["Lygon St", "Rathdowne St", "Faraday St"], ["3053"]),
        "North Melbourne": (-37.7990, 144.9460, ["Errol St", "Queensberry St", "Victoria St"], ["3051"]),
    },
}

FEATURED = ["pdx", "sea", "chi", "nyc", "tor", "wat", "lon", "man", "syd", "bne", "mel"]

AU_ALL = [k for k, v in CITIES.items() if v[2] == "AU"]

# ---------------------------------------------------------------------------------------
# Organizations (all fictional).  Each entry:
#   name, domain stem, kind, cities hosted in, home city (for online groups: time zone,
#   phone area, currency), online share (0 none .. 3 mostly online, 4 the few online-only language and phone networks), topics, approaches,
#   languages (first = usual), audiences it specialises in (empty = everyone mostly),
#   extra online time zones.
# kind: intergroup | clinic | church | community | nonprofit | hospice | online
# ---------------------------------------------------------------------------------------
ORGS = [
    # -- Pacific Northwest (Portland is the demo city) --
    ("Rose City Recovery Intergroup", "rosecity-recovery", "intergroup", ["pdx", "eug"], "pdx", 1,
     ["alcohol", "drugs", "family-and-friends", "addiction"], ["twelve-step"], ["en"], [], []),
    ("Willamette Family Support Network", "willamette-family", "nonprofit", ["pdx", "eug", "sea"], "pdx", 1,
     ["family-and-friends", "adult-children", "caregivers", "relationships", "codependency"],
     ["twelve-step", "other", "secular"], ["en", "es"], ["parents", "families"], []),
    ("Hawthorne Wellness Collective", "hawthorne-wellness", "clinic", ["pdx"], "pdx", 1,
     ["anxiety", "depression", "trauma", "stress", "self-esteem"], ["mindfulness", "other"],
     ["en"], [], []),
    ("Cascadia Secular Recovery", "cascadia-secular", "nonprofit", ["pdx", "sea", "spk", "eug"], "pdx", 2,
     ["alcohol", "drugs", "gambling", "nicotine", "addiction"], ["secular", "smart"], ["en"], [], []),
    ("Bridgetown Bereavement Circle", "bridgetown-grief", "hospice", ["pdx"], "pdx", 1,
     ["grief", "caregivers", "loneliness"], ["other", "mindfulness"], ["en"], ["seniors", "parents"], []),
    ("St. Brendan's Parish Outreach", "stbrendans-outreach", "church", ["pdx"], "pdx", 0,
     ["alcohol", "grief", "family-and-friends", "loneliness", "depression"], ["faith-based"],
     ["en"], ["seniors"], []),
    ("Mekong Family Health Association", "mekong-family", "community", ["pdx", "sea", "hou"], "pdx", 0,
     ["family-and-friends", "depression", "caregivers", "gambling", "stress"], ["other"],
     ["vi", "en"], ["families"], []),
    ("Salish Sea Recovery Intergroup", "salishsea-intergroup", "intergroup", ["sea", "spk"], "sea", 1,
     ["alcohol", "drugs", "sex-and-love", "food", "codependency"], ["twelve-step"], ["en"], [], []),
    ("Puget Sound Peer Support Alliance", "pugetsound-peers", "nonprofit", ["sea", "spk", "pdx"], "sea", 1,
     ["anxiety", "depression", "loneliness", "self-esteem", "trauma"], ["other", "secular"],
     ["en", "ko"], ["young-adults", "lgbtq"], []),
    # -- California, Southwest, Mountain --
    ("Golden Gate Wellbeing Center", "goldengate-wellbeing", "clinic", ["sfo", "oak"], "sfo", 1,
     ["anxiety", "trauma", "depression", "relationships", "stress"], ["mindfulness", "other"],
     ["en", "zh"], ["bipoc", "lgbtq"], []),
    ("East Bay Recovery Commons", "eastbay-commons", "nonprofit", ["oak", "sfo", "sac"], "oak", 1,
     ["drugs", "alcohol", "nicotine", "addiction"], ["secular", "smart", "other"], ["en", "es"],
     ["bipoc", "men"], []),
    ("Centro Comunitario La Esperanza", "la-esperanza", "community", ["lax", "san", "phx", "hou", "mia"], "lax", 1,
     ["family-and-friends", "alcohol", "depression", "grief", "drugs"], ["twelve-step", "faith-based", "other"],
     ["es", "en"], ["families", "women"], []),
    ("Pacific Crest Counseling Cooperative", "pacificcrest-counseling", "clinic", ["lax", "san", "sac"], "lax", 1,
     ["anxiety", "trauma", "food", "self-esteem", "relationships"], ["other", "mindfulness"],
     ["en", "ko"], ["women", "teens"], []),
    ("Sonoran Desert Recovery Alliance", "sonoran-recovery", "intergroup", ["phx", "tus", "abq"], "phx", 1,
     ["alcohol", "drugs", "gambling", "family-and-friends"], ["twelve-step", "smart"], ["en", "es"], [], []),
    ("Front Range Peer Network", "frontrange-peers", "nonprofit", ["den", "slc", "boi", "abq"], "den", 1,
     ["depression", "anxiety", "loneliness", "stress", "alcohol"], ["secular", "other"], ["en"],
     ["men", "young-adults"], []),
    ("Heartwood Hospice Bereavement Program", "heartwood-hospice", "hospice", ["den", "slc", "boi", "spk", "bna"], "den", 1,
     ["grief", "caregivers"], ["other", "faith-based", "mindfulness"], ["en"], ["seniors", "parents"], []),
    # -- Midwest and South --
    ("Lakefront Recovery Collective", "lakefront-recovery", "intergroup", ["chi", "mke"], "chi", 1,
     ["alcohol", "drugs", "codependency", "sex-and-love", "adult-children"], ["twelve-step"],
     ["en", "pl", "es"], [], []),
    ("Northside Family Resource Center", "northside-family", "community", ["chi"], "chi", 0,
     ["family-and-friends", "caregivers", "stress", "relationships"], ["other", "secular"],
     ["en", "es", "pl"], ["parents", "families"], []),
    ("Prairie Hearth Wellbeing", "prairiehearth", "nonprofit", ["msp", "mci", "mke"], "msp", 1,
     ["depression", "anxiety", "trauma", "loneliness", "grief"], ["other", "mindfulness", "secular"],
     ["en", "so"], ["bipoc", "women"], []),
    ("Lone Star Peer Recovery Network", "lonestar-peers", "nonprofit", ["aus", "hou"], "aus", 1,
     ["alcohol", "drugs", "gambling", "nicotine"], ["smart", "secular", "twelve-step"], ["en", "es"],
     ["veterans", "young-adults"], []),
    ("Riverside Recovery Collective", "riverside-recovery", "nonprofit", ["bna", "atl", "avl", "mci"], "atl", 1,
     ["alcohol", "drugs", "codependency", "food", "adult-children"], ["twelve-step", "faith-based"],
     ["en"], ["women", "bipoc"], []),
    ("Grace Commons Church Network", "gracecommons", "church", ["atl", "bna", "hou", "mci", "den", "pdx", "phx"], "atl", 0,
     ["alcohol", "grief", "family-and-friends", "relationships", "sex-and-love", "depression"],
     ["faith-based"], ["en"], ["men", "women", "families"], []),
    # -- Northeast --
    ("Five Boroughs Recovery Intergroup", "fiveboroughs-recovery", "intergroup", ["nyc", "bkn"], "nyc", 2,
     ["alcohol", "drugs", "sex-and-love", "gambling", "family-and-friends", "codependency"], ["twelve-step"],
     ["en", "es"], ["lgbtq", "young-adults"], []),
    ("Hudson Street Counseling Collective", "hudsonstreet-counseling", "clinic", ["nyc", "bkn"], "nyc", 1,
     ["anxiety", "stress", "trauma", "relationships", "self-esteem"], ["mindfulness", "other"], ["en"],
     ["bipoc", "women"], []),
    ("Commonwealth Caregivers Alliance", "commonwealth-caregivers", "nonprofit", ["bos", "phl", "dca", "btv"], "bos", 1,
     ["caregivers", "grief", "stress"], ["other", "mindfulness"], ["en", "pt"], ["seniors", "parents"], []),
    ("Liberty Bell Community Wellness", "libertybell-wellness", "community", ["phl", "pit"], "phl", 0,
     ["depression", "loneliness", "self-esteem", "drugs", "alcohol"], ["other", "secular", "twelve-step"],
     ["en"], ["seniors", "bipoc"], []),
    ("Old Guard Veterans Peer Network", "oldguard-veterans", "nonprofit", ["dca", "atl", "san", "den", "phx", "anc"], "dca", 1,
     ["trauma", "alcohol", "stress", "loneliness", "depression"], ["other", "smart", "secular"], ["en"],
     ["veterans"], []),
    ("Bayfront Family Recovery Center", "bayfront-recovery", "clinic", ["mia"], "mia", 1,
     ["drugs", "alcohol", "family-and-friends", "anxiety"], ["smart", "other"], ["es", "en", "ht"],
     ["families"], []),
    ("Motor City Recovery Commons", "motorcity-commons", "nonprofit", ["dtw", "mke"], "dtw", 0,
     ["drugs", "alcohol", "family-and-friends", "depression"], ["twelve-step", "faith-based", "other"],
     ["en", "ar"], ["men", "bipoc"], []),
    ("Kindred Campus Peer Circles", "kindred-campus", "nonprofit", ["bos", "aus", "msp", "eug"], "bos", 1,
     ["anxiety", "gaming-and-tech", "self-esteem", "alcohol", "loneliness", "food"], ["secular", "mindfulness", "other"],
     ["en"], ["young-adults", "teens"], []),
    ("Stillwater Mindfulness Community", "stillwater-sangha", "community", ["pdx", "sea", "sfo", "btv", "avl"], "sfo", 1,
     ["stress", "anxiety", "alcohol", "grief", "depression", "wellness"], ["mindfulness"], ["en"], [], []),
    ("Northern Lights Peer Support", "northernlights-peers", "nonprofit", ["anc"], "anc", 1,
     ["depression", "loneliness", "alcohol"], ["other", "twelve-step"], ["en"], ["men"], []),
    ("Aloha Kākou Peer Wellness", "alohakakou", "community", ["hnl"], "hnl", 0,
     ["drugs", "family-and-friends", "stress", "grief"], ["other", "faith-based"], ["en", "tl"], ["families"], []),
    ("Prism Peer Support Collective", "prism-peers", "nonprofit", ["sfo", "sea", "pdx", "nyc", "chi", "atl"], "sfo", 1,
     ["anxiety", "depression", "drugs", "alcohol", "loneliness", "sex-and-love"], ["secular", "other", "twelve-step"],
     ["en"], ["lgbtq"], []),
    # -- US/CA-wide specialists, mostly online --
    ("Fresh Path Gambling Recovery", "freshpath-gambling", "nonprofit", ["lax", "chi", "pdx", "tor", "phx"], "chi", 2,
     ["gambling", "family-and-friends"], ["twelve-step", "smart", "secular"], ["en", "zh"], [],
     ["America/New_York", "America/Los_Angeles"]),
    ("Steady Table Food Recovery Network", "steadytable", "nonprofit", ["pdx", "den", "bos", "tor"], "den", 2,
     ["food", "self-esteem"], ["twelve-step", "other", "mindfulness"], ["en"], ["women"],
     ["America/New_York", "America/Los_Angeles"]),
    ("Unplugged Together", "unplugged-together", "nonprofit", ["sea", "sfo", "wat"], "sea", 3,
     ["gaming-and-tech", "anxiety", "loneliness"], ["secular", "twelve-step", "other"], ["en"],
     ["young-adults", "parents"], ["America/New_York", "America/Toronto"]),
    ("Clear Air Quit Circles", "clearair-quit", "nonprofit", ["pdx", "msp", "wat", "hfx"], "msp", 2,
     ["nicotine"], ["smart", "secular", "twelve-step", "mindfulness"], ["en"], [],
     ["America/New_York", "America/Los_Angeles", "America/Toronto"]),
    ("Quiet Harbor Online Fellowship", "quietharbor", "online", [], "bos", 3,
     ["codependency", "relationships", "adult-children", "sex-and-love", "anxiety"], ["twelve-step", "secular", "other"],
     ["en"], ["women", "men"], ["America/Chicago", "America/Los_Angeles", "America/Denver"]),
    ("Lantern Line Phone Fellowship", "lanternline", "online", [], "phx", 4,
     ["alcohol", "loneliness", "depression", "caregivers", "grief"], ["twelve-step", "other"],
     ["en"], ["seniors"], ["America/New_York", "America/Chicago"]),
    ("Night Owls Online Recovery", "nightowls", "online", [], "chi", 3,
     ["alcohol", "drugs", "addiction", "anxiety"], ["twelve-step", "secular", "smart"], ["en"], [],
     ["America/Los_Angeles", "America/New_York"]),
    ("Kitchen Table Caregivers", "kitchentable-caregivers", "online", [], "tor", 3,
     ["caregivers", "stress", "grief"], ["other", "mindfulness"], ["en", "fr"], ["parents", "seniors"],
     ["America/Vancouver", "America/Halifax"]),
    # -- Canada --
    ("Don Valley Recovery Intergroup", "donvalley-intergroup", "intergroup", ["tor", "ham"], "tor", 1,
     ["alcohol", "drugs", "codependency", "adult-children", "family-and-friends"], ["twelve-step"],
     ["en", "pt"], [], []),
    ("Grand River Peer Support Network", "grandriver-peers", "nonprofit", ["wat", "kit", "ham"], "wat", 1,
     ["anxiety", "depression", "loneliness", "alcohol", "drugs", "self-esteem"], ["secular", "smart", "other"],
     ["en", "pa"], ["young-adults", "men"], []),
    ("Beechwood Family Wellness Centre", "beechwood-family", "clinic", ["wat", "kit"], "wat", 1,
     ["family-and-friends", "relationships", "trauma", "caregivers", "grief"], ["other", "mindfulness"],
     ["en"], ["parents", "families"], []),
    ("Maple Street Counselling Co-op", "maplestreet-counselling", "clinic", ["tor", "wat", "ott"], "tor", 1,
     ["anxiety", "depression", "trauma", "self-esteem", "food", "stress"], ["mindfulness", "other"],
     ["en", "fr"], ["women", "bipoc"], []),
    ("Réseau Entraide Plateau", "entraide-plateau", "community", ["mtl", "ott"], "mtl", 1,
     ["alcohol", "depression", "anxiety", "family-and-friends", "loneliness", "grief"], ["twelve-step", "other", "secular"],
     ["fr", "en"], ["seniors", "young-adults"], []),
    ("Coastal Mountains Wellness Society", "coastalmountains", "nonprofit", ["van", "vic"], "van", 1,
     ["drugs", "anxiety", "family-and-friends", "gambling", "depression"], ["other", "secular", "smart"],
     ["en", "zh", "pa"], ["bipoc", "families"], []),
    ("Prairie Wind Recovery Society", "prairiewind", "nonprofit", ["yyc", "yeg", "ywg", "yxe"], "yeg", 1,
     ["alcohol", "drugs", "gambling", "trauma"], ["twelve-step", "smart", "other"], ["en", "fr"],
     ["men", "veterans"], []),
    ("Atlantic Tides Peer Support", "atlantictides", "nonprofit", ["hfx", "yyt"], "hfx", 1,
     ["alcohol", "depression", "loneliness", "grief", "family-and-friends"], ["twelve-step", "other"],
     ["en"], ["seniors"], []),
    ("Bytown Caregivers Circle", "bytown-caregivers", "community", ["ott"], "ott", 1,
     ["caregivers", "grief"], ["other"], ["en", "fr"], ["seniors"], []),
    ("Rainbow Coast Peer Circles", "rainbowcoast", "nonprofit", ["van", "tor", "mtl"], "van", 1,
     ["anxiety", "drugs", "depression", "relationships"], ["secular", "other"], ["en", "fr"], ["lgbtq"], []),
    # -- United Kingdom --
    ("Harbour Light Wellbeing Trust", "harbourlight", "nonprofit", ["lon", "btn", "bri", "cdf"], "lon", 1,
     ["anxiety", "depression", "loneliness", "self-esteem", "stress", "wellness"], ["other", "mindfulness", "secular"],
     ["en"], ["young-adults", "seniors"], []),
    ("Northgate Family Support Network", "northgate-family", "nonprofit", ["man", "lds", "lpl", "shf", "ncl"], "man", 1,
     ["family-and-friends", "adult-children", "caregivers", "drugs"], ["other", "twelve-step", "smart"],
     ["en"], ["parents", "families"], []),
    ("Thameside Recovery Intergroup", "thameside-intergroup", "intergroup", ["lon", "btn"], "lon", 1,
     ["alcohol", "drugs", "codependency", "sex-and-love", "food", "adult-children"], ["twelve-step"],
     ["en", "pl"], ["lgbtq", "women"], []),
    ("Pennine Recovery Collective", "pennine-recovery", "nonprofit", ["man", "lds", "shf", "ncl"], "lds", 1,
     ["alcohol", "drugs", "gambling", "gaming-and-tech"], ["smart", "secular"], ["en", "ur"], ["men"], []),
    ("Village Voices LGBTQ+ Peer Support", "villagevoices", "community", ["man", "lon", "btn"], "man", 1,
     ["drugs", "loneliness", "anxiety", "relationships", "sex-and-love"], ["other", "secular", "twelve-step"],
     ["en"], ["lgbtq"], []),
    ("St Columba's Church Outreach", "stcolumbas-outreach", "church", ["gla", "edi"], "gla", 0,
     ["alcohol", "grief", "loneliness", "family-and-friends"], ["faith-based"], ["en"], ["seniors", "men"], []),
    ("Forth & Clyde Wellbeing", "forthclyde-wellbeing", "nonprofit", ["edi", "gla"], "edi", 1,
     ["anxiety", "depression", "trauma", "gambling", "drugs"], ["other", "smart", "mindfulness"],
     ["en"], ["women", "young-adults"], []),
    ("Taff Valley Peer Support", "taffvalley-peers", "community", ["cdf"], "cdf", 1,
     ["depression", "alcohol", "caregivers", "loneliness"], ["other", "twelve-step"], ["en", "cy"], [], []),
    ("Lagan Peer Support Network", "lagan-peers", "nonprofit", ["bfs"], "bfs", 1,
     ["trauma", "alcohol", "depression", "family-and-friends"], ["other", "twelve-step", "faith-based"],
     ["en", "ga"], ["men", "families"], []),
    ("Midlands Carers' Circle", "midlands-carers", "nonprofit", ["bhm", "bri", "shf"], "bhm", 1,
     ["caregivers", "stress", "grief"], ["other"], ["en", "pa", "ur"], ["seniors", "parents"], []),
    ("Severn Sands Counselling Partnership", "severnsands", "clinic", ["bri", "cdf", "bhm"], "bri", 1,
     ["trauma", "anxiety", "food", "relationships", "self-esteem"], ["mindfulness", "other"], ["en"],
     ["women"], []),
    ("Gentle Harbour Bereavement Circles", "gentleharbour", "hospice", ["lon", "lpl", "bhm", "edi"], "lpl", 2,
     ["grief"], ["other", "faith-based", "mindfulness"], ["en"], ["parents", "seniors"], []),
    ("Quiet Room Online", "quietroom", "online", [], "lon", 3,
     ["anxiety", "stress", "codependency", "gaming-and-tech", "sex-and-love", "self-esteem"], ["secular", "twelve-step", "mindfulness"],
     ["en"], ["young-adults"], []),
    # -- Australia --
    ("Southern Cross Peer Support", "southerncross-peers", "nonprofit", AU_ALL, "syd", 1,
     ["depression", "anxiety", "loneliness", "alcohol", "drugs", "self-esteem"], ["other", "secular", "smart"],
     ["en"], ["young-adults", "men"], ["Australia/Melbourne", "Australia/Perth"]),
    ("Harbourside Recovery Intergroup", "harbourside-intergroup", "intergroup", ["syd", "cbr"], "syd", 1,
     ["alcohol", "drugs", "codependency", "adult-children", "sex-and-love"], ["twelve-step"], ["en", "ar"], [], []),
    ("Yarra Wellbeing Collective", "yarra-wellbeing", "clinic", ["mel", "hba"], "mel", 1,
     ["stress", "anxiety", "trauma", "food", "self-esteem"], ["mindfulness", "other"], ["en", "el"], ["women"], []),
    ("River City Family Support", "rivercity-family", "nonprofit", ["bne"], "bne", 1,
     ["family-and-friends", "caregivers", "relationships", "drugs"], ["other", "twelve-step", "smart"],
     ["en", "vi"], ["parents", "families"], []),
    ("Swan River Recovery Network", "swanriver-recovery", "nonprofit", ["per"], "per", 1,
     ["alcohol", "drugs", "gambling"], ["smart", "twelve-step"], ["en"], ["men"], []),
    ("Torrens Community Wellbeing", "torrens-wellbeing", "community", ["adl"], "adl", 1,
     ["grief", "loneliness", "depression", "caregivers"], ["other", "faith-based"], ["en"], ["seniors"], []),
    ("Top End Peer Circles", "topend-peers", "community", ["drw"], "drw", 0,
     ["alcohol", "family-and-friends", "stress"], ["other", "twelve-step"], ["en"], ["families"], []),
    ("Fair Go Gambling Help Circles", "fairgo-gambling", "nonprofit", ["syd", "mel", "bne", "per", "adl"], "mel", 2,
     ["gambling", "family-and-friends"], ["smart", "twelve-step", "secular"], ["en", "zh", "vi"], [],
     ["Australia/Sydney", "Australia/Brisbane", "Australia/Perth"]),
    ("Sunburnt Country Carers Network", "sunburntcountry-carers", "nonprofit", ["bne", "syd", "mel", "hba"], "bne", 2,
     ["caregivers", "grief", "stress"], ["other"], ["en"], ["parents", "seniors"],
     ["Australia/Adelaide", "Australia/Sydney"]),
    ("Kookaburra Street Church", "kookaburrastreet", "church", ["bne", "mel", "syd"], "bne", 0,
     ["alcohol", "grief", "relationships", "family-and-friends"], ["faith-based"], ["en"], ["men", "women"], []),
    # -- New Zealand and Ireland --
    ("Waitematā Peer Support Trust", "waitemata-peers", "nonprofit", ["akl", "wlg"], "akl", 1,
     ["alcohol", "depression", "gambling", "family-and-friends"], ["other", "twelve-step", "smart"],
     ["en", "mi"], ["young-adults", "families"], []),
    ("Liffey Recovery & Wellbeing", "liffey-recovery", "nonprofit", ["dub", "ork"], "dub", 1,
     ["alcohol", "drugs", "gambling", "grief", "anxiety"], ["twelve-step", "other", "secular"],
     ["en", "ga"], [], []),
    # -- global online grief & wellbeing --
    ("Global Grief Commons", "griefcommons", "online", [], "nyc", 3,
     ["grief", "loneliness"], ["other", "mindfulness", "faith-based"], ["en", "es"], ["parents", "young-adults"],
     ["Europe/London", "Australia/Sydney", "America/Los_Angeles"]),
    ("Second Wind Women's Network", "secondwind-women", "online", [], "pdx", 3,
     ["alcohol", "relationships", "self-esteem", "trauma"], ["secular", "smart", "other"], ["en"], ["women"],
     ["America/New_York", "America/Chicago"]),
    ("Red de Apoyo Mutuo Latina", "redapoyo", "online", [], "mia", 3,
     ["family-and-friends", "depression", "anxiety", "alcohol", "grief"], ["other", "twelve-step", "faith-based"],
     ["es"], ["women", "families"], ["America/Los_Angeles", "America/Chicago"]),
    # -- Spanish-language (US) --
    ("Alianza Latina de Recuperación", "alianza-latina", "intergroup", ["lax", "hou", "mia", "phx", "san", "chi", "nyc", "bkn"], "lax", 1,
     ["alcohol", "drugs", "gambling", "sex-and-love", "adult-children", "codependency", "family-and-friends", "food"],
     ["twelve-step"], ["es", "en"], ["men", "women"], []),
    ("Centro de Bienestar Raíces", "raices-bienestar", "clinic", ["lax", "mia", "hou", "nyc", "chi"], "mia", 1,
     ["anxiety", "depression", "trauma", "food", "gaming-and-tech", "nicotine", "self-esteem", "stress"],
     ["other", "mindfulness", "smart"], ["es", "en"], ["women", "parents", "young-adults"], []),
    ("Casa de la Familia Unida", "casa-familia-unida", "community", ["chi", "nyc", "bkn", "den", "phx", "sfo", "oak"], "chi", 0,
     ["family-and-friends", "adult-children", "gaming-and-tech", "grief", "caregivers", "loneliness", "drugs"],
     ["faith-based", "other"], ["es", "en"], ["families", "parents", "seniors"], []),
    ("Red Hispana de Apoyo en Línea", "redhispana", "online", [], "hou", 4,
     ["sex-and-love", "food", "gaming-and-tech", "nicotine", "adult-children", "gambling", "codependency", "drugs"],
     ["twelve-step", "secular", "smart", "faith-based"], ["es"], ["young-adults", "women", "men"],
     ["America/Los_Angeles", "America/New_York", "America/Denver"]),
    # -- French-language (Quebec, Ontario, and online for France and Belgium) --
    ("Maison d'entraide Saint-Roch", "entraide-saintroch", "community", ["qcy", "mtl"], "qcy", 1,
     ["alcohol", "drugs", "gambling", "sex-and-love", "food", "adult-children", "family-and-friends", "codependency"],
     ["twelve-step", "other", "secular"], ["fr"], ["young-adults", "seniors"], []),
    ("Centre Mieux-Vivre Outaouais", "mieuxvivre-outaouais", "clinic", ["ott", "mtl", "qcy"], "ott", 1,
     ["anxiety", "depression", "gaming-and-tech", "nicotine", "stress", "self-esteem", "trauma", "caregivers"],
     ["other", "mindfulness", "smart"], ["fr", "en"], ["parents", "teens", "women"], []),
    ("Intergroupe Entraide Saint-Laurent", "intergroupe-stlaurent", "intergroup", ["mtl", "qcy", "ott"], "mtl", 1,
     ["alcohol", "drugs", "family-and-friends", "adult-children"], ["twelve-step"], ["fr", "en"], [], []),
    ("Cercle francophone en ligne", "cercle-francophone", "online", [], "mtl", 4,
     ["alcohol", "drugs", "gambling", "gaming-and-tech", "food", "sex-and-love", "nicotine", "adult-children",
      "anxiety", "depression", "family-and-friends"],
     ["twelve-step", "secular", "mindfulness", "other", "smart"], ["fr"], ["young-adults", "women"],
     ["Europe/Paris", "Europe/Paris", "Europe/Brussels"]),
    # -- English-language specialists for the less common needs --
    ("Open Door Recovery Network", "opendoor-recovery", "nonprofit",
     ["pdx", "sea", "chi", "nyc", "tor", "lon", "man", "syd", "mel", "bne", "den", "bos"], "chi", 2,
     ["sex-and-love", "adult-children", "codependency", "food"], ["twelve-step", "secular", "other"], ["en"],
     ["lgbtq", "women", "men"], ["America/New_York", "America/Los_Angeles"]),
    ("Balance Point Habits Collective", "balancepoint", "nonprofit",
     ["lon", "man", "edi", "syd", "mel", "bne", "tor", "van", "sea", "chi"], "lon", 2,
     ["gaming-and-tech", "nicotine", "food"], ["smart", "secular", "mindfulness", "twelve-step"], ["en"],
     ["young-adults", "parents", "teens"], ["Europe/Dublin"]),
]

# ---------------------------------------------------------------------------------------
# Text pools.  Placeholders: {hood} neighbourhood, {city}, {day} weekday name, {daypart}
# Morning/Noon/Evening/Night, {centre} center|centre, {counselor} counselor|counsellor.
# Patterns with {hood} are used only for groups with a place; {day} only for one-day groups.
# ---------------------------------------------------------------------------------------
TOPIC_NAMES = {
    "codependency": [
        "Boundaries & Serenity", "Recovering Our Selves", "The Kitchen Table Group",
        "{day} Codependency Recovery", "{hood} Codependents Meeting", "Just For Today Codependency Group",
        "Recovering People-Pleasers", "Saying No Without Guilt", "Detach With Love",
        "Whole Again", "Healthy Relationships Circle", "{daypart} Codependency Step Study",
    ],
    "family-and-friends": [
        "Hope for Families", "{hood} Family Group", "Loved Ones of Addicts", "Steady Hearts Family Group",
        "Parents of Young People Who Use", "Living With Someone Who Drinks", "Keep the Focus on You",
        "{day} {daypart} Family & Friends", "When Someone You Love Drinks", "Moms and Dads in Recovery Support",
        "Partners of Problem Drinkers", "One Day at a Time Family Group", "Beacon Family Circle",
        "Family Afterwards: Support for Loved Ones",
    ],
    "adult-children": [
        "Adult Children {day} Meeting", "The Laundry List Group", "Inner Child Step Study",
        "Growing Up in Chaos", "{hood} Adult Children Meeting", "Reparenting Ourselves",
        "Grown Kids of Hard Homes", "Breaking the Cycle", "Finding the Loving Parent Within",
        "Adult Children Support ({daypart})",
    ],
    "relationships": [
        "Relationships in Recovery", "After the Breakup Circle", "Rebuilding After Divorce",
        "Healthy Love Peer Group", "Untangled: Leaving Controlling Relationships",
        "Attachment & Connection Group", "{hood} Separation & Divorce Support",
        "Starting Over Together", "Fair Fighting, Real Listening", "Loving Without Losing Yourself",
    ],
    "alcohol": [
        "Sunrise Sobriety", "{hood} Early Birds", "Keep It Simple Group", "Back to Basics",
        "Step & Literature Study", "{day} Night Speaker Meeting", "Noon Friends of Sobriety", "Sober Curious Circle",
        "Happy Destiny Group", "The Lunch Bunch", "Came to Believe", "Last Call Recovery Circle",
        "Dry Dock Meeting", "{hood} Sober Sisters", "First Things First", "Spiritual Awakening Step Study",
        "Life Without Alcohol Group", "Drinking Less, Living More", "Morning Coffee & Sobriety",
        "{hood} Serenity Group", "Promises Group", "Clean Slate Sobriety Circle",
    ],
    "drugs": [
        "Clean & Serene", "{hood} Recovery Meeting", "Just for Today (Drugs)", "Freedom Group",
        "Opioid Recovery Peer Circle", "New Beginnings Recovery", "Stimulant Recovery Support",
        "Still Standing Group", "{day} Night Recovery Circle", "Miracles Happen Group",
        "Harm Reduction Peer Circle", "Rebuilding Recovery", "Clean Living Discussion",
        "Medication-Assisted Recovery Peer Group",
    ],
    "gambling": [
        "All In For Recovery", "{hood} Gambling Recovery Group", "Cash Out, Come Back",
        "Beating the Odds", "No More Bets Circle", "Sports Betting Recovery Group",
        "Pokies Free Together", "Gamblers in Recovery ({daypart})", "Fresh Deck Gambling Support",
        "Family & Gambling Recovery Night",
    ],
    "sex-and-love": [
        "Healthy Intimacy Group", "Sex & Love Addiction Recovery", "Love Addiction Circle",
        "Beyond the Screen: Porn Recovery", "Bottom Lines Meeting", "Relationship Sobriety Group",
        "Intimacy Without Compulsion", "{day} Sex & Love Recovery",
    ],
    "food": [
        "Food Freedom Circle", "{hood} Food Recovery Meeting", "Abstinence & Serenity Group",
        "Binge Eating Peer Support", "Peace With Food", "Compulsive Eating Step Study",
        "Nourish: Eating Disorder Peer Group", "{daypart} Food Recovery", "Off the Diet Roller Coaster",
    ],
    "gaming-and-tech": [
        "Log Off Together", "Game Over, Life On", "Screen Balance Circle", "Unplugged Peer Group",
        "Internet & Tech Recovery", "Parents of Gamers Support Night", "Scroll Less, Live More",
        "Controller Down", "Digital Recovery Meeting",
    ],
    "nicotine": [
        "Quit Together", "Easy Breathing Circle", "Vape-Free Peer Group", "Smoke-Free {day}s",
        "Butt Out Support Group", "Nicotine Recovery Meeting", "Freedom From Nicotine",
        "Quit Buddies", "Fresh Air {daypart} Group",
    ],
    "addiction": [
        "All Paths to Recovery", "Any Addiction Welcome", "Open Sitting for Recovery",
        "Second Wind Recovery Circle", "{hood} Recovery Roundtable", "Multiple Pathways Meeting",
        "{daypart} Recovery Check-In",
    ],
    "anxiety": [
        "Calm Waters Anxiety Group", "Worry Less Circle", "Panic & Anxiety Peer Support",
        "{hood} Anxiety Support", "Social Anxiety Meetup", "Anxious Minds, Kind Hearts",
        "Breathing Room", "Steady Ground", "OCD Peer Support Group", "Quiet Courage",
        "Anxiety Skills Circle", "{day} {daypart} Anxiety Support",
    ],
    "depression": [
        "Lifting the Fog", "Depression & Bipolar Peer Support", "{hood} Mood Support Group",
        "Out of the Grey", "Low Days Circle", "Still Here Depression Support",
        "Peer Support for Depression", "Postpartum Peer Circle", "Light Through the Cracks",
        "Mood Matters Group", "{day} Depression Support",
    ],
    "grief": [
        "Healing Hearts Grief Group", "After a Loss", "Widowed & Moving Forward", "{hood} Grief Circle",
        "Grief Walk & Talk", "Mothers & Fathers Remembering", "Loss of a Parent Group",
        "Suicide Loss Survivors Circle", "Pet Loss Support Evening", "Good Mourning Café",
        "Grief Support for Young Adults", "Pregnancy & Infant Loss Circle", "Carrying On Together",
        "Grief After Overdose",
    ],
    "stress": [
        "Burnout Recovery Circle", "Slow Down Group", "Work Stress Peer Support", "Unwind {day}s",
        "Pressure Valve", "Stress Less Circle", "Exhausted Parents Check-In", "Breathing Space",
        "Resilience Roundtable",
    ],
    "trauma": [
        "Survivors Circle", "Safe Harbor Trauma Support", "{hood} Trauma Recovery Group",
        "After Domestic Violence", "Finding Safety Peer Group", "Finding Ground After Trauma",
        "PTSD Peer Support", "Moral Injury Circle", "Standing Strong Survivors Group",
        "Body & Breath Trauma Group",
    ],
    "loneliness": [
        "Community Connection Circle", "New in Town Peer Group", "Not Alone Wednesdays",
        "Tea & Talk", "Friendly Faces Drop-In", "Coffee & Connection", "{hood} Neighbours Circle",
        "Table for Everyone", "The Good Company Group", "Walk & Talk Together", "Phone Friends",
    ],
    "self-esteem": [
        "Enough As I Am", "Confidence Builders", "Letting Go of Perfect", "Inner Critic Circle",
        "Shame to Strength Group", "Worthy: Self-Esteem Peer Group", "Be Kind to Yourself Circle",
        "Standing Tall Group", "Good Enough Club",
    ],
    "caregivers": [
        "Caregivers' Circle", "Dementia Carers Café", "Parents of Children With Disabilities",
        "Caring for Aging Parents", "{hood} Carers Support Group", "Sandwich Generation Group",
        "Care Partners Coffee Morning", "Respite & Renew", "Caregivers Who Work",
        "Memory Loss Family Circle", "Young Carers Drop-In",
    ],
    "wellness": [
        "Open Circle Peer Support", "Mental Health Peer Drop-In", "{hood} Wellbeing Circle",
        "Talk It Out", "Mindful Mondays", "Everyday Wellbeing Group", "{daypart} Check-In Circle",
    ],
}

# One of these opens every description (per topic; several variants so they differ).
TOPIC_OPENERS = {
    "codependency": [
        "For anyone who recognises themselves in the words people-pleasing, caretaking or can't-say-no.",
        "A meeting for people who lose themselves in other people's problems and want to learn what healthy boundaries feel like.",
        "If you spend more energy managing other people's moods than living your own life, this group is for you.",
        "We are people recovering from codependency: over-responsibility, fear of abandonment and the need to be needed.",
        "A place to look at the patterns that keep us rescuing, fixing and controlling, and to practise something different.",
    ],
    "family-and-friends": [
        "For partners, parents, grown children and friends of someone who drinks or uses.",
        "If someone you love drinks too much or uses drugs, you are not alone and it is not your fault.",
        "A support group for family members who are worn out by worry about a loved one's drinking or drug use.",
        "For parents whose teenage or adult children use drugs or alcohol, whatever stage they are at.",
        "We are relatives and friends of people with a drinking or drug problem, sharing what has helped us stay sane.",
        "Whether your loved one is still using, in treatment or in recovery, this group is about looking after you.",
        "For anyone affected by someone else's addiction, including those who grew up with it and those living with it now.",
    ],
    "adult-children": [
        "For adults who grew up in homes affected by alcohol, drugs or other dysfunction.",
        "If you grew up walking on eggshells, this meeting is for you.",
        "A meeting for adult children of alcoholic and dysfunctional families, using the Laundry List and the Solution.",
        "We are grown-ups who learned as children to stay quiet, stay good and stay out of the way, and are now unlearning it.",
        "For people whose childhood was shaped by a parent's drinking, rage, illness or neglect.",
    ],
    "relationships": [
        "For people navigating a breakup, separation or divorce, or trying to make sense of a painful relationship.",
        "A peer group about relationships: jealousy, attachment, conflict, and leaving or staying well.",
        "For anyone who has left, or is thinking about leaving, a controlling or emotionally abusive relationship.",
        "If you keep ending up in the same kind of relationship, come and talk it through with people who get it.",
        "A circle for people rebuilding their lives after a long relationship has ended.",
    ],
    "alcohol": [
        "For anyone who wants to stop drinking, or is wondering whether they should.",
        "A meeting for people with a desire to stop drinking; no sign-up, no dues, no pressure to speak.",
        "For people who have quit drinking, are trying to quit, or are drinking less and want company on the way.",
        "A small, friendly meeting of people staying sober one day at a time.",
        "If alcohol is costing you more than you'd like, this is a place to talk about it honestly.",
        "Long-timers and newcomers sharing experience, strength and hope about living without alcohol.",
        "For people whose drinking has become a problem, from the first day sober to the twentieth year.",
        "A relaxed, no-lectures group for people changing their relationship with alcohol.",
    ],
    "drugs": [
        "For people who want to stop using drugs, whatever the drug and however long it has been.",
        "A recovery meeting for anyone with a drug problem, including people on methadone or buprenorphine.",
        "For people in recovery from opioids, stimulants, cannabis, pills or anything else.",
        "A peer group for people who use drugs or have stopped, focused on staying alive, getting well and being honest.",
        "If you are tired of the chase, come and meet people who have found a way out.",
        "For anyone who has a desire to stop using; medication-assisted recovery is fully welcome here.",
        "For people recovering from meth, cocaine or other stimulants, including the long, flat months after stopping.",
    ],
    "gambling": [
        "For people who want to stop gambling: casino, cards, sports betting, online apps or scratch tickets.",
        "A support group for people whose betting has got out of hand, and for anyone worried that it might.",
        "If you've chased losses, hidden debts or lied about where the money went, you'll find people here who understand.",
        "For people recovering from gambling, including sports betting and online casinos.",
        "A meeting for people affected by gambling, whether it's your own betting or a family member's.",
    ],
    "sex-and-love": [
        "For people who feel out of control around sex, porn, romance or relationships.",
        "A meeting for those recovering from compulsive sexual behaviour or love addiction.",
        "If you keep crossing your own lines around sex or relationships, this meeting is a confidential place to start.",
        "For people who want to build intimacy that doesn't cost them their integrity.",
        "For people who want to stop compulsive porn use and get back to real connection.",
    ],
    "food": [
        "For people who struggle with binge eating, compulsive eating, restricting or food obsession.",
        "A meeting for anyone whose relationship with food has become painful or out of control.",
        "If food is how you cope, hide or numb out, you are welcome here at any size and any stage.",
        "For people recovering from compulsive eating and eating disorders; no weigh-ins and no diet talk.",
    ],
    "gaming-and-tech": [
        "For people whose gaming, scrolling or screen time has started to take over.",
        "A peer group for gamers and heavy internet users who want to get their time and sleep back.",
        "If you've lost nights, grades, jobs or relationships to a screen, you are not the only one.",
        "For people cutting back on gaming, social media or phone use, and for parents worried about a child's gaming.",
        "For parents and carers worried about a child's gaming or screen use.",
    ],
    "nicotine": [
        "For people quitting cigarettes, vapes, pouches or chewing tobacco.",
        "A quit group for smokers and vapers, whether you've set a quit date or are just thinking about it.",
        "If you've tried to quit before and it didn't stick, come and try it with company this time.",
        "For people who want to be free of nicotine, and for those who have quit and want to stay quit.",
    ],
    "addiction": [
        "For anyone in recovery from any addiction: alcohol, drugs, gambling, food, screens or behaviours.",
        "An all-pathways recovery meeting: 12-step, SMART, faith, harm reduction, medication or your own way.",
        "For people with any substance or behaviour they want to change, at any stage.",
    ],
    "anxiety": [
        "For people living with anxiety, panic attacks, worry or OCD.",
        "For people living with OCD: intrusive thoughts, rituals and the exhaustion that comes with them.",
        "A peer group for anyone whose anxiety makes everyday things harder than they should be.",
        "If worry keeps you up at night or panic keeps you home, you'll find people here who understand.",
        "For people with social anxiety who want to practise being around others in a low-pressure way.",
        "A small, gentle group for people managing anxiety, from everyday worry to panic disorder.",
        "For anyone feeling anxious, on edge or overwhelmed, with or without a diagnosis.",
    ],
    "depression": [
        "For people living with depression, low mood or bipolar disorder.",
        "A peer support group for anyone going through depression, with or without a diagnosis.",
        "If getting out of bed feels like climbing a mountain, come and sit with people who know that feeling.",
        "For new and expecting parents struggling with low mood, anxiety or intrusive thoughts after a baby.",
        "A group for people with mood disorders and the people who support them.",
        "For people who feel flat, hopeless or stuck, and want to talk to others who have been there.",
    ],
    "grief": [
        "For anyone grieving the death of someone they love, however recent or long ago.",
        "A support group for people who have lost a husband, wife or partner.",
        "For parents who have lost a child at any age and from any cause.",
        "For people bereaved by suicide, a loss that often leaves questions no one else understands.",
        "A gentle group for people grieving a parent, sibling, friend or pet.",
        "For families and friends who have lost someone to overdose.",
        "Grief doesn't keep a schedule; this group is for anyone carrying a loss and needing somewhere to put it down for an hour.",
        "For people who have experienced miscarriage, stillbirth or infant loss, and their partners.",
        "For anyone grieving a pet, a loss that deserves more room than people usually give it.",
        "For adults grieving the death of a mother or father, whether it was sudden or long expected.",
    ],
    "stress": [
        "For people who are running on empty: burnout, work stress or too much on their plate.",
        "A peer group for anyone feeling overwhelmed, overworked or close to burnout.",
        "For health workers, teachers and others in high-pressure jobs who need somewhere to set it down.",
        "If you are exhausted and can't remember the last time you rested, this group is for you.",
        "For parents running on empty, juggling work, children and everything else.",
    ],
    "trauma": [
        "For survivors of trauma, including abuse, assault, violence and accidents.",
        "A peer group for people living with PTSD or the long tail of a traumatic experience.",
        "For survivors of domestic violence and intimate partner abuse.",
        "A trauma-informed group focused on safety, grounding and coping skills rather than retelling stories.",
        "For people whose past still shows up as flashbacks, hypervigilance or numbness.",
    ],
    "loneliness": [
        "For anyone feeling lonely, isolated or disconnected.",
        "A friendly drop-in for people who are new to the area, recently bereaved, retired or just short on company.",
        "If the days are long and quiet, come and share a cup of tea and some conversation.",
        "For people who want more connection in their lives and aren't sure where to start.",
        "A low-key group for people who find it hard to make friends as an adult.",
    ],
    "self-esteem": [
        "For people who struggle with self-worth, shame, perfectionism or a loud inner critic.",
        "A peer group for anyone who feels they're never quite good enough.",
        "If you are kinder to everyone else than you are to yourself, this group is for you.",
        "For people working on confidence, assertiveness and self-compassion.",
    ],
    "caregivers": [
        "For people caring for a parent, partner or child with dementia, illness or disability.",
        "A support group for family carers, a place to talk honestly about the hard parts.",
        "For parents raising children with disabilities or additional needs.",
        "For adult children looking after ageing parents while juggling work and their own families.",
        "If you are caring for someone with memory loss, come and meet others on the same road.",
        "For unpaid carers of any age, including young carers and those who have recently stopped caring.",
    ],
    "_tagged": [],
    "wellness": [
        "An open peer-support circle for anyone going through a hard time.",
        "For anyone who wants a place to talk about how they're really doing, whatever the reason.",
        "A drop-in mental health peer group: no diagnosis or referral needed.",
    ],
}

# Sub-themes: a name with a tag gets an opener with the same tag (tagged openers are never
# used with other names), so "Widowed & Moving Forward" doesn't open with pet loss.
NAME_TAGS = {
    "Parents of Young People Who Use": "parents-of-users", "Moms and Dads in Recovery Support": "parents-of-users",
    "Widowed & Moving Forward": "widowed", "Widowed Partners Closed Group": "widowed",
    "Mothers & Fathers Remembering": "child-loss", "Suicide Loss Survivors Circle": "suicide",
    "Grief After Overdose": "overdose", "Pregnancy & Infant Loss Circle": "infant",
    "Postpartum Peer Circle": "postpartum", "Parents of Children With Disabilities": "disability",
    "Caring for Aging Parents": "ageing", "Sandwich Generation Group": "ageing",
    "Dementia Carers Café": "dementia", "Memory Loss Family Circle": "dementia",
    "Untangled: Leaving Controlling Relationships": "controlling", "Leaving Well: Closed Women's Circle": "controlling",
    "After the Breakup Circle": "breakup", "Rebuilding After Divorce": "breakup",
    "{hood} Separation & Divorce Support": "breakup", "Starting Over Together": "breakup",
    "Rebuilding After Separation: {w}-Week Course": "breakup",
    "After Domestic Violence": "dv", "Social Anxiety Meetup": "social", "OCD Peer Support Group": "ocd",
    "Work Stress Peer Support": "work", "Exhausted Parents Check-In": "parents-stress",
    "Opioid Recovery Peer Circle": "opioid", "Medication-Assisted Recovery Peer Group": "opioid",
    "Stimulant Recovery Support": "stimulant", "Harm Reduction Peer Circle": "harm",
    "Family & Gambling Recovery Night": "family-gambling", "Sports Betting Recovery Group": "sports",
    "Beyond the Screen: Porn Recovery": "porn", "Parents of Gamers Support Night": "parents-gaming",
    "Pet Loss Support Evening": "pet", "Loss of a Parent Group": "parent-loss",
    "Sober Curious Circle": "curious", "Drinking Less, Living More": "curious",
}
SHARED_TAGS = {"curious"}  # openers with these tags also suit untagged names
OPENER_TAGS = {
    "If alcohol is costing you more than you'd like, this is a place to talk about it honestly.": "curious",
    "A relaxed, no-lectures group for people changing their relationship with alcohol.": "curious",
    "For people who have quit drinking, are trying to quit, or are drinking less and want company on the way.": "curious",
    "For parents whose teenage or adult children use drugs or alcohol, whatever stage they are at.": "parents-of-users",
    "A support group for people who have lost a husband, wife or partner.": "widowed",
    "For parents who have lost a child at any age and from any cause.": "child-loss",
    "For people bereaved by suicide, a loss that often leaves questions no one else understands.": "suicide",
    "For families and friends who have lost someone to overdose.": "overdose",
    "For people who have experienced miscarriage, stillbirth or infant loss, and their partners.": "infant",
    "For new and expecting parents struggling with low mood, anxiety or intrusive thoughts after a baby.": "postpartum",
    "For parents raising children with disabilities or additional needs.": "disability",
    "For adult children looking after ageing parents while juggling work and their own families.": "ageing",
    "If you are caring for someone with memory loss, come and meet others on the same road.": "dementia",
    "For people caring for a parent, partner or child with dementia, illness or disability.": None,
    "For anyone who has left, or is thinking about leaving, a controlling or emotionally abusive relationship.": "controlling",
    "For people navigating a breakup, separation or divorce, or trying to make sense of a painful relationship.": "breakup",
    "A circle for people rebuilding their lives after a long relationship has ended.": "breakup",
    "For survivors of domestic violence and intimate partner abuse.": "dv",
    "For people with social anxiety who want to practise being around others in a low-pressure way.": "social",
    "For people living with OCD: intrusive thoughts, rituals and the exhaustion that comes with them.": "ocd",
    "For health workers, teachers and others in high-pressure jobs who need somewhere to set it down.": "work",
    "For parents running on empty, juggling work, children and everything else.": "parents-stress",
    "A recovery meeting for anyone with a drug problem, including people on methadone or buprenorphine.": "opioid",
    "For anyone who has a desire to stop using; medication-assisted recovery is fully welcome here.": "opioid",
    "For people recovering from meth, cocaine or other stimulants, including the long, flat months after stopping.": "stimulant",
    "A peer group for people who use drugs or have stopped, focused on staying alive, getting well and being honest.": "harm",
    "A meeting for people affected by gambling, whether it's your own betting or a family member's.": "family-gambling",
    "For people recovering from gambling, including sports betting and online casinos.": "sports",
    "For people who want to stop compulsive porn use and get back to real connection.": "porn",
    "For parents and carers worried about a child's gaming or screen use.": "parents-gaming",
    "For anyone grieving a pet, a loss that deserves more room than people usually give it.": "pet",
    "For adults grieving the death of a mother or father, whether it was sudden or long expected.": "parent-loss",
}

# Concrete, topic-specific details (what actually happens, what to expect).
TOPIC_DETAILS = {
    "codependency": ["We practise saying no in small ways during the week and report back, which is harder and funnier than it sounds.",
                     "A lot of our sharing is about boundaries with family, work and partners.",
                     "The focus stays on our own choices, not on fixing anyone else."],
    "family-and-friends": ["We talk about what we can change, which is mostly ourselves, and how to stop walking on eggshells.",
                           "Nobody here will tell you to leave or to stay; those decisions are yours.",
                           "Leaflets on naloxone, treatment options and talking to teenagers are on the side table.",
                           "Many members come while their loved one is still drinking or using."],
    "adult-children": ["We read the Laundry List traits aloud and share on whichever one landed this week.",
                       "Expect honest talk about childhood, and a lot of gentleness about it.",
                       "Some members do inner-child work between meetings; it's optional."],
    "relationships": ["There's room to talk about co-parenting, money and the practical side of separating, not just feelings.",
                      "We don't take sides or talk about anyone who isn't in the room.",
                      "Some people come for a few months after a breakup; some stay for years."],
    "alcohol": ["Sobriety birthdays are celebrated on the last meeting of the month, with cake.",
                "Milestone chips are offered at the end for anyone who wants one.",
                "Moderation, abstinence and not-sure-yet are all welcome at the table.",
                "Phone lists are passed round at the end for anyone who wants to stay in touch between meetings."],
    "drugs": ["Naloxone kits are available free at every meeting, no questions asked.",
              "People on methadone, buprenorphine or other medication are full members here.",
              "Clean-time key tags are handed out at the end for those who want them."],
    "gambling": ["We also cover practical steps: blocking apps, handing over bank cards and facing debt.",
                 "A volunteer with money-advice training stays after the meeting on the first week of the month.",
                 "Members often share how many days it has been since their last bet."],
    "sex-and-love": ["Members define their own bottom lines; nobody will judge where you draw them.",
                     "Sharing stays general; there's no graphic detail, which keeps the room safe for everyone."],
    "food": ["No talk of numbers, weights or calories in the room.", "No weigh-ins, no meal plans handed out, no diet talk.",
             "Some members follow a food plan with a sponsor; others don't. Both are welcome."],
    "gaming-and-tech": ["Some members have quit gaming altogether and others are cutting down; both are welcome.",
                        "We swap practical tips on blockers, sleep and what to do with the hours you get back.",
                        "Phones go in a basket by the door for the hour, if you're willing."],
    "nicotine": ["We track quit days on the whiteboard and celebrate every milestone, from day one to year one.",
                 "Talk to your GP or pharmacist about nicotine replacement; many members use it alongside the group.",
                 "Cravings usually pass in a few minutes, and we practise riding them out together."],
    "addiction": ["Whatever your drug or behaviour, the questions are the same: what helps, and what gets in the way.",
                  "Members share tools from every tradition; take what works and leave the rest."],
    "anxiety": ["There's a quiet corner if you need a break, and leaving early is completely fine.",
                "We practise one small grounding exercise each week, like box breathing or the 5-4-3-2-1 game.",
                "Some people don't speak for weeks; that's allowed."],
    "depression": ["Some weeks we talk, some weeks we mostly sit together; both count.",
                   "We share small wins, like getting out of bed or making a phone call, and take them seriously.",
                   "Members swap notes on what has helped, from walks to medication to routines, without pushing any of it."],
    "grief": ["We light a candle at the start and go round with a name and, if you want, a memory.",
              "Some people bring photographs; some just listen the first few times.",
              "The anniversary and holiday months are hard, and we make extra room for them.",
              "Tissues are on every table, and nobody minds tears."],
    "stress": ["Each session ends with ten minutes of something restful: stretching, a short walk or a cup of tea.",
               "We talk about boundaries at work, sleep and saying no, and try one small change each week."],
    "trauma": ["We never ask anyone to share details of what happened.",
               "Sessions focus on grounding and coping skills; you can step out at any point and a co-facilitator will check on you.",
               "Seating is arranged so nobody has their back to the door."],
    "loneliness": ["Board games and a jigsaw are on the table if talking feels like too much.",
                   "We often go for a walk or a coffee together afterwards, for anyone who wants to.",
                   "Most weeks there is soup, and always there is tea."],
    "self-esteem": ["Each week someone brings a small win to celebrate, and the group helps us notice them.",
                    "We practise replying to our inner critic the way we'd talk to a friend."],
    "caregivers": ["Someone usually brings information on respite care, benefits or local services.",
                   "Members swap practical tips as well as frustrations: appointments, paperwork, sleep.",
                   "If you need to bring the person you care for, let us know and we'll arrange a sitter in the next room."],
    "wellness": ["No diagnosis needed; people come for all sorts of reasons.",
                 "Peer supporters with lived experience are on hand before and after for a one-to-one chat."],
}

# How a meeting runs, per approach (second sentence, most of the time).
APPROACH_FLOW = {
    "twelve-step": [
        "We open with the Serenity Prayer, read a short passage from the literature and then share in turn, with no crosstalk.",
        "The first Sunday of the month is a speaker meeting; other weeks we read and discuss one of the Twelve Steps.",
        "Each week someone chooses a topic, then everyone who wants to share gets about three minutes.",
        "It's a step study: we work through the Twelve Steps in order, one step a month.",
        "A speaker shares their story for fifteen minutes, then the floor opens for discussion.",
        "We read from daily reflections and go round the room; passing is always fine.",
        "Literature is on the table and we pass a basket; contributions are never required.",
        "Newcomers get a welcome packet and a chip if they'd like one; sponsors are available after the meeting.",
        "The format is simple: a reading, a topic, open sharing, and the Twelve Traditions read at the close.",
        "Meetings follow the Twelve Steps and Traditions; we are self-supporting through our own contributions.",
    ],
    "smart": [
        "Uses SMART tools such as the cost-benefit analysis, ABCs and urge logs; bring a notebook if you like.",
        "Each meeting starts with a check-in, then the group works through one tool together and sets goals for the week.",
        "A science-based, self-empowering approach: no labels, no steps, and you decide your own goals.",
        "Trained volunteer facilitators guide a discussion built around motivation, urges, thinking and balance.",
        "Check-ins, a short tool exercise and an open discussion; moderation and abstinence goals are both welcome.",
        "We use SMART tools to work on whatever people bring that week, from cravings to family conflict.",
    ],
    "secular": [
        "A secular group: no prayers, no higher power, just honest conversation and practical support.",
        "Non-religious and evidence-informed; people share what is working for them and what isn't.",
        "We keep it secular and flexible: whatever path you are taking, you are welcome to talk about it here.",
        "There is no set programme; we do a round of check-ins and then an open discussion on a theme.",
        "Peer-led and secular; we talk about practical strategies, setbacks and small wins.",
        "Agnostics, atheists and believers are equally welcome; nobody will tell you what to believe.",
    ],
    "faith-based": [
        "A Christian support group; we open with prayer and a short Bible reflection before sharing.",
        "Faith-based and gentle: we share, pray for one another and close with a time of quiet.",
        "Hosted by the church, but people of any faith or none are welcome and nobody is asked to pray.",
        "Each meeting includes a short devotional, small-group sharing and prayer for anyone who wants it.",
        "We follow a Christ-centred recovery workbook together; copies are provided free.",
        "A chaplain opens the room, then volunteers lead the discussion.",
    ],
    "mindfulness": [
        "Each session opens with a short guided meditation, followed by sharing and a closing practice.",
        "We sit together for twenty minutes, then read a short teaching and discuss how it applies to our lives.",
        "Mindfulness-based: breathing practice, gentle movement and time to talk about what came up.",
        "Sessions combine a body scan, a short reading and small-group conversation; chairs and cushions provided.",
        "We practise noticing urges and difficult feelings without acting on them, then talk about the week.",
        "No meditation experience needed; a facilitator guides every practice and you can keep your eyes open.",
    ],
    "other": [
        "A facilitator opens with a check-in round, then we follow wherever the conversation goes.",
        "Each week has a loose theme, but there is always time for whatever is on your mind.",
        "We go round the circle once so everyone has a chance to speak, then open up for discussion.",
        "Part support group, part practical help: people share resources, tips and phone numbers as well as feelings.",
        "It's a conversation, not a class; there's no homework and you never have to speak.",
        "Sessions follow a simple rhythm: welcome, check-in, a topic of the week, and a closing round.",
        "We share what's been hard and what's helped, with ground rules on confidentiality and respect.",
        "A trained facilitator keeps time and makes sure the quieter voices get a turn.",
    ],
}

FIRST_VISIT = [
    "First time? You are welcome to just listen.",
    "Newcomers can arrive ten minutes early and someone will say hello and explain how it works.",
    "You don't have to say anything at your first meeting, or at any meeting.",
    "There is no sign-up; just turn up.",
    "We keep what is said in the room confidential.",
    "People come and go as they need to; there is no commitment.",
    "Tea, coffee and biscuits are usually on.",
    "Coffee's on from quarter to, and there's usually a plate of something sweet.",
    "Come as you are, including if you're having a bad day.",
    "If you're nervous, message ahead and a regular will meet you at the door.",
    "Most people find the first visit is the hardest, and almost everyone comes back.",
    "Nobody will ask for your last name.",
    "Regulars hang around afterwards if you'd like to talk one-on-one.",
    "It's fine to bring a friend to your first meeting.",
    "We're a small group, usually six to twelve people.",
    "Usually around twenty people; it's busy but friendly.",
    "Please silence phones; you are welcome to step out at any time.",
    "There is a short newcomers' orientation at the start of each meeting.",
    "We end on time, so you can plan around it.",
    "Free printed handouts are available, or ask and we'll e-mail them.",
    "A greeter at the door will point you to a seat and explain the format in two minutes.",
    "If you arrive late, just slip in; nobody minds.",
    "Feel free to keep your last name and your story to yourself until you're ready.",
    "We keep a few spare chairs by the door for anyone who wants to sit at the edge.",
    "The first half hour is the meeting; the second is tea and chat, and you can skip either.",
]

INPERSON_LOGISTICS = [
    "Use the side door off the car park and follow the signs downstairs.",
    "Enter by the blue door on the left of the building; the room is on the ground floor.",
    "Street parking is free after six, and the bus stops right outside.",
    "There's a bike rack by the front entrance and the room is step-free.",
    "Ring the buzzer marked 'Groups' and someone will let you in.",
    "The meeting room is at the back of the hall; look for the sign on the easel.",
    "Parking is in the lot behind the building; the entrance faces the lot.",
    "Ten minutes' walk from the station, with a bus stop on the corner.",
    "The building is step-free with a lift to the first floor.",
    "Go through the courtyard gate and follow the path to the annexe.",
    "Use the accessible ramp at the front; the room is signposted from reception.",
    "Check in at the front desk and ask for the group room.",
    "The upstairs room has stairs only; ask ahead and we can move to the ground floor.",
    "Please use the rear entrance after 5 pm, as the front doors lock.",
    "Limited parking on site; the public car park next door is free in the evenings.",
]
INPERSON_LOGISTICS_US = [
    "Free parking in the church lot; enter through the door marked Fellowship Hall.",
    "Metered street parking; the lot across the street is free after 6 pm.",
    "Two blocks from the light-rail stop; the entrance is around the side by the ramp.",
    "Park in the back lot and come in the glass doors; we're in the first room on the right.",
]
INPERSON_LOGISTICS_UK = [
    "Five minutes from the bus station; the hall is behind the church, through the gate.",
    "The centre is opposite the library; come in the main entrance and we're on the ground floor.",
    "No parking on site; the nearest car park is pay-and-display.",
]
INPERSON_LOGISTICS_AU = [
    "Parking is available on site; walk up the driveway to the hall at the back.",
    "A short walk from the train station; the room is through the side gate.",
    "Free parking in the side street; the community hall is behind the main building.",
]

ONLINE_LOGISTICS = [
    "Cameras optional; you are welcome to join with audio only.",
    "The link opens ten minutes early so you can check your sound.",
    "Cameras on or off, it's up to you; use a first name or nickname.",
    "Join from a phone, tablet or computer; no account needed.",
    "Sharing is by raised hand, and the host keeps the queue fair.",
    "Please use headphones if others are around, to protect everyone's privacy.",
    "A host admits people from the waiting room; if you're late, you'll still be let in.",
    "Breakout rooms for newcomers are available on request.",
    "The meeting is not recorded, and screenshots are not allowed.",
    "Chat is open for people who'd rather type than talk.",
]
PHONE_LOGISTICS = [
    "Dial in from any phone; you can listen without saying anything.",
    "Call the number and enter the access code; press *6 to unmute when you'd like to share.",
    "No internet needed: just a phone.",
    "Calls are not recorded and you only need to give a first name.",
    "Good for people who can't get out, don't drive, or prefer not to be seen.",
    "A host keeps the call to about an hour and makes sure everyone who wants to share gets a turn.",
]
HYBRID_LOGISTICS = [
    "Join us in the room or online; the online folks are on a big screen and share in turn with everyone else.",
    "Hybrid: half the group is in the room and half online, and both halves are equal participants.",
    "A room microphone picks up everyone, so online members can hear the whole conversation.",
    "If you can't make it in person, the same meeting runs on video with the room.",
]

AUDIENCE_SENTENCES = {
    "women": ["A women-only meeting, open to trans and non-binary people who feel at home here.",
              "For women; childcare questions are welcome.", "Women only, so it's a space to speak freely."],
    "men": ["A men's group: plain talk, no judgement.", "For men of all ages, from students to grandfathers.",
            "A men's meeting; many of us find it easier to open up here."],
    "lgbtq": ["An LGBTQ+ meeting; allies are welcome to the open meetings.",
              "Queer and trans people especially welcome; use whatever name and pronouns you like.",
              "Run by and for LGBTQ+ people."],
    "young-adults": ["Aimed at people roughly 18 to 30.", "For young adults, mostly in their twenties.",
                     "A younger crowd, students and early-career folks especially welcome."],
    "teens": ["For teens aged 13 to 17; a parent or carer signs a consent form at the first visit.",
              "For young people aged 14 to 18, run separately from the adult group."],
    "seniors": ["Most members are over 60, and the pace is unhurried.", "Aimed at older adults; the room is quiet and the seats are comfortable.",
                "For people 55 and over, though nobody checks."],
    "families": ["Families come together; children are welcome in the play corner.",
                 "Partners, parents and siblings attend together or separately."],
    "veterans": ["For veterans and serving members of the armed forces.", "Run by veterans for veterans; family members are welcome on the last meeting of the month."],
    "bipoc": ["A space centring Black, Indigenous and people of colour.", "By and for people of colour; facilitators are BIPOC peers."],
    "parents": ["For parents and step-parents.", "For mums, dads and carers of children of any age."],
}

COST_SENTENCES = {
    "donation": ["Free to attend; a donation basket goes round if you'd like to help with rent.",
                 "Free; a donation link is shared at the end for anyone who wants to chip in toward hosting costs.",
                 "No fee; {coin} in the basket helps cover the room.",
                 "Pay what you can; nobody is turned away."],
    "sliding-scale": ["Sliding scale from {sym}{low} to {sym}{high} per session (suggested {sym}{amt}); nobody turned away for lack of funds.",
                      "Suggested contribution {sym}{amt}, sliding down to nothing if money is tight.",
                      "Cost is {sym}{low}–{sym}{high} on a sliding scale; ask about free places."],
    "fee": ["The fee is {sym}{amt} per session, payable on the night or in advance.",
            "{sym}{amt} per session; some insurance and employee assistance plans may reimburse.",
            "Costs {sym}{amt} per session; a limited number of free spots are kept for people on low incomes."],
    "free": [],
}
PROFESSIONAL_SENTENCES = [
    "Facilitated by a licensed {counselor} with peer co-facilitators.",
    "Led by a registered social worker who keeps the group safe and on track.",
    "Run by a qualified {counselor}; this is peer support, not therapy, but professionals are in the room.",
    "Co-led by a psychotherapist and a peer worker with lived experience.",
]
REGISTRATION_SENTENCES = [
    "Please register ahead so the facilitator can have a short welcome call with you.",
    "Registration is required; the link or address is sent once you sign up.",
    "Places are limited, so please book before coming.",
    "Sign up on the website; the join details arrive by e-mail.",
]
WELCOME_SENTENCES = {
    "open": ["Open meeting: friends, family and students are welcome to sit in.",
             "Anyone is welcome, including supporters and people who are just curious."],
    "closed": ["Closed meeting: for people who share the problem rather than supporters.",
               "This is a closed group, for people with lived experience only."],
}
LANGUAGE_SENTENCES = {
    "vi": "Meeting held in Vietnamese with English support.",
    "zh": "Conducted in Mandarin and Cantonese; English speakers welcome.",
    "ko": "Held in Korean, with an English-speaking volunteer on hand.",
    "pa": "Sharing in Punjabi and English.",
    "pl": "Prowadzone po polsku i angielsku (Polish and English).",
    "pt": "Shares in Portuguese or English, whichever is easier for you.",
    "ar": "Arabic and English spoken; family members welcome.",
    "so": "Somali and English spoken; tea is served.",
    "ht": "Kreyòl and English spoken.",
    "tl": "Tagalog and English spoken.",
    "cy": "Bilingual Welsh and English: croeso i bawb.",
    "ga": "Some of the readings are in Irish; all are welcome.",
    "mi": "We open with karakia and whakawhanaungatanga; all welcome.",
    "ur": "Urdu and English spoken.",
    "el": "Some regulars speak Greek, and you are welcome to share in Greek.",
    "fr": "Discussion in French and English.",
    "es": "Se habla español.",
}
LANGUAGE_NAMES = {"vi": "Vietnamese", "zh": "Mandarin", "ko": "Korean", "pa": "Punjabi", "pl": "Polish",
                  "pt": "Portuguese", "ar": "Arabic", "so": "Somali", "ht": "Haitian Creole", "tl": "Tagalog",
                  "cy": "Welsh", "ga": "Irish", "mi": "te reo Māori", "ur": "Urdu", "el": "Greek",
                  "fr": "French", "es": "Spanish"}
# Sentences that contradict registration or a fixed cohort.
NO_SIGNUP = ["no sign-up", "just turn up", "no commitment", "slip in", "inscribirse", "Aucune inscription",
             "stay for years", "come and go"]
PAUSED_SENTENCES = [
    "Paused for the holidays; we restart in the new year.",
    "Paused while we look for a new venue; check the website for updates.",
    "Taking a break until we find a new facilitator.",
]

# Spanish- and French-language listings (used when a group's first language is es / fr).
ES_NAMES = {
    "family-and-friends": ["Familias con Esperanza", "Grupo Familiar Nueva Luz", "Familias Unidas", "Padres y Madres en Apoyo"],
    "alcohol": ["Grupo Nuevo Amanecer", "Un Día a la Vez", "Grupo Serenidad", "Grupo Renacer"],
    "drugs": ["Grupo Libertad", "Caminando en Recuperación", "Vida Nueva"],
    "depression": ["Saliendo de la Niebla", "Círculo de Ánimo", "Mujeres que Sanan"],
    "anxiety": ["Respira: Apoyo para la Ansiedad", "Calma y Compañía"],
    "grief": ["Corazones en Duelo", "Tardes de Duelo y Esperanza", "Acompañándonos en la Pérdida"],
    "caregivers": ["Cuidando a Quien Cuida", "Círculo de Cuidadores"],
    "gambling": ["Sin Apuestas, Con Vida", "Libres del Juego", "Grupo Fuera de Juego"],
    "codependency": ["Límites Sanos", "Recuperando Mi Vida", "Primero Yo También"],
    "relationships": ["Después de la Separación", "Relaciones Sanas"],
    "sex-and-love": ["Amor Sano", "Grupo Corazón Libre", "Más Allá de la Obsesión", "Recuperando el Amor Propio"],
    "food": ["Comer en Paz", "Grupo Plato Sereno", "Libres de la Comida Compulsiva", "Hambre de Vida"],
    "gaming-and-tech": ["Desconectados", "Pantallas en Equilibrio", "Más Allá de la Pantalla", "Apaga y Vive"],
    "nicotine": ["Respirar Libre", "Grupo Sin Humo", "Adiós al Cigarro", "Pulmones Nuevos"],
    "adult-children": ["Hijos Adultos en Recuperación", "Sanando al Niño Interior", "Crecimos en Casas Difíciles"],
    "trauma": ["Sanar Juntas", "Círculo de Sobrevivientes"],
    "stress": ["Pausa y Respiro", "Menos Prisa, Más Vida"],
    "self-esteem": ["Me Valoro", "Círculo de Autoestima"],
    "loneliness": ["Cafecito y Compañía", "Nadie Está Solo"],
}
ES_OPENERS = {
    "family-and-friends": ["Para familiares y amigos de personas que beben o consumen drogas.",
                           "Si alguien a quien quieres bebe demasiado o consume, no estás solo ni sola.",
                           "Un grupo para madres, padres y parejas preocupados por el consumo de un ser querido."],
    "alcohol": ["Para personas que desean dejar de beber, un día a la vez.",
                "Una reunión en español para quienes quieren vivir sin alcohol.",
                "Compartimos nuestra experiencia, fortaleza y esperanza para mantenernos sobrios."],
    "drugs": ["Para quienes desean dejar de consumir drogas, sin importar cuál ni desde cuándo.",
              "Un grupo de recuperación en español; el tratamiento con medicamentos es bienvenido."],
    "depression": ["Un grupo de apoyo entre pares para personas que viven con depresión o tristeza profunda.",
                   "Para quienes se sienten sin ánimo, cansados o sin esperanza y quieren hablar con otros que entienden."],
    "anxiety": ["Para personas que viven con ansiedad, ataques de pánico o preocupación constante.",
                "Un espacio tranquilo para hablar de la ansiedad y aprender a respirar juntos."],
    "grief": ["Para quienes han perdido a un ser querido, sin importar cuánto tiempo haya pasado.",
              "Un grupo para acompañarnos en el duelo, con respeto y sin prisa."],
    "caregivers": ["Para personas que cuidan a un familiar con demencia, enfermedad o discapacidad."],
    "gambling": ["Para personas que quieren dejar de apostar, en casinos, en línea o en deportes.",
                 "Un grupo en español para quienes han perdido dinero, tiempo o familia por el juego y las apuestas."],
    "codependency": ["Para quienes siempre ponen a los demás primero y quieren aprender a poner límites.",
                     "Para personas que se olvidan de sí mismas cuidando, rescatando o complaciendo a los demás."],
    "relationships": ["Para personas que atraviesan una separación, un divorcio o una relación difícil."],
    "sex-and-love": ["Para quienes sienten que el sexo, el amor o las relaciones obsesivas les controlan la vida.",
                     "Un grupo en español para personas con adicción al sexo, a la pornografía o a relaciones que hacen daño."],
    "food": ["Para personas que luchan con la comida: atracones, comer a escondidas, dietas sin fin o bulimia.",
             "Un grupo de apoyo en español para quienes comen de forma compulsiva y quieren hacer las paces con la comida."],
    "gaming-and-tech": ["Para jóvenes y adultos que pasan demasiadas horas con videojuegos, el celular o las redes sociales.",
                        "Para quienes sienten que los videojuegos o internet les quitan el sueño, los estudios o el trabajo."],
    "nicotine": ["Para quienes quieren dejar de fumar cigarrillos, vapear o dejar el tabaco de mascar.",
                 "Un grupo en español para dejar el cigarro y el vapeador, con apoyo semana a semana."],
    "adult-children": ["Para adultos que crecieron en una familia con alcoholismo, adicciones o violencia.",
                       "Un grupo para hijos e hijas adultos de familias disfuncionales que quieren sanar las heridas de la infancia."],
    "trauma": ["Para personas sobrevivientes de violencia, abuso o experiencias traumáticas."],
    "stress": ["Para quienes viven con estrés, agotamiento o demasiadas presiones en el trabajo y en casa."],
    "self-esteem": ["Un grupo para trabajar la autoestima, la inseguridad y esa voz crítica interior."],
    "loneliness": ["Para personas que se sienten solas o aisladas, recién llegadas o jubiladas, que quieren hacer amistades."],
}
ES_EXTRA = [
    "Las reuniones son totalmente en español.", "Puedes venir solo a escuchar; no tienes que hablar.",
    "No hace falta inscribirse.", "Todo lo que se comparte aquí es confidencial.",
    "Hay café y pan dulce.", "Los recién llegados son siempre bienvenidos.",
    "Empezamos con una lectura breve y luego compartimos por turnos.",
    "Nadie te pedirá tu apellido.",
    "Al final nos quedamos un rato a platicar.", "Nadie tiene que contar más de lo que quiera.",
    "Si es tu primera vez, avísale a quien coordina y te explicamos cómo funciona.",
]
ES_PLACE = ["Estacionamiento gratuito detrás del edificio; entra por la puerta lateral.",
            "A dos cuadras de la parada del autobús.", "El salón está en la planta baja, con rampa de acceso."]
ES_ONLINE = ["La cámara es opcional.", "Puedes conectarte desde el teléfono o la computadora.",
             "El enlace se abre diez minutos antes."]

FR_NAMES = {
    "alcohol": ["Groupe Sérénité", "Un jour à la fois", "Groupe Renouveau", "Groupe Lendemains clairs"],
    "depression": ["Sortir du brouillard", "Cercle de l'Espoir"],
    "anxiety": ["Anxiété : parlons-en", "Respirer ensemble"],
    "family-and-friends": ["Parents solidaires", "Familles et proches"],
    "loneliness": ["Café-rencontre du mardi", "Ensemble, pas seuls"],
    "grief": ["Entraide Deuil", "Traverser le deuil"],
    "caregivers": ["Cercle des proches aidants"],
    "drugs": ["Groupe Nouveau Départ", "Groupe Liberté retrouvée", "Sobriété au quotidien"],
    "relationships": ["Après la rupture"],
    "trauma": ["Cercle des survivant·e·s"],
    "sex-and-love": ["Groupe Amour et Liberté", "Cœurs libres", "Au-delà de la dépendance affective"],
    "food": ["Groupe Assiette sereine", "Manger en paix", "Faire la paix avec la nourriture"],
    "gaming-and-tech": ["Déconnexion", "Groupe Hors ligne", "Au-delà de l'écran"],
    "nicotine": ["Respirer sans fumée", "Cap sans tabac", "Groupe Dernière cigarette"],
    "adult-children": ["Enfants adultes en chemin", "Grandir après une enfance difficile"],
    "gambling": ["Sortir du jeu", "Groupe Dernière mise", "Libres du jeu"],
    "codependency": ["Groupe Limites saines", "Se choisir"],
    "stress": ["Souffler un peu"],
    "self-esteem": ["Estime de soi, un pas à la fois"],
}
FR_OPENERS = {
    "alcohol": ["Pour toute personne qui désire arrêter de boire, un jour à la fois.",
                "Une réunion en français pour celles et ceux qui veulent vivre sans alcool."],
    "depression": ["Un groupe d'entraide pour les personnes qui vivent avec la dépression ou un trouble de l'humeur.",
                   "Pour qui se sent à plat, découragé ou seul avec sa tristesse."],
    "anxiety": ["Pour les personnes qui vivent avec l'anxiété, les crises de panique ou l'inquiétude constante."],
    "family-and-friends": ["Pour les proches d'une personne qui boit ou consomme des drogues.",
                           "Pour les parents inquiets de la consommation de leur enfant, adolescent ou adulte."],
    "loneliness": ["Une rencontre conviviale pour briser l'isolement, autour d'un café.",
                   "Pour les personnes seules, nouvellement arrivées ou retraitées qui veulent créer des liens."],
    "grief": ["Pour les personnes endeuillées, quel que soit le moment de la perte.",
              "Un groupe pour traverser le deuil ensemble, à son rythme."],
    "caregivers": ["Pour les proches aidants d'une personne âgée, malade ou en perte d'autonomie."],
    "drugs": ["Pour les personnes qui veulent cesser de consommer, peu importe la substance.",
              "Un groupe d'entraide pour vivre sans drogue, une journée à la fois; les traitements de substitution sont bienvenus."],
    "relationships": ["Pour les personnes qui vivent une séparation ou une rupture difficile."],
    "trauma": ["Pour les personnes survivantes de violence ou de traumatismes."],
    "sex-and-love": ["Pour les personnes aux prises avec une dépendance affective ou sexuelle, ou avec la pornographie.",
                     "Un groupe d'entraide pour qui répète des relations qui font mal et veut retrouver l'équilibre."],
    "food": ["Pour les personnes qui vivent avec des compulsions alimentaires, l'hyperphagie ou la boulimie.",
             "Un groupe d'entraide pour faire la paix avec la nourriture, sans régime ni jugement."],
    "gaming-and-tech": ["Pour les jeunes et les adultes qui passent trop de temps sur les jeux vidéo, le cellulaire ou les réseaux sociaux.",
                        "Pour qui sent que les écrans prennent le dessus sur le sommeil, les études ou la vie de famille."],
    "nicotine": ["Pour les personnes qui veulent arrêter de fumer ou de vapoter, à leur rythme.",
                 "Un groupe pour écraser pour de bon, cigarette ou vapoteuse, avec le soutien des autres."],
    "adult-children": ["Pour les adultes qui ont grandi auprès d'un parent alcoolique ou dans une famille dysfonctionnelle.",
                       "Un groupe pour guérir des blessures de l'enfance vécues dans une famille marquée par l'alcool ou la violence."],
    "gambling": ["Pour les personnes qui veulent arrêter de jouer : casino, loteries, paris sportifs ou jeux en ligne.",
                 "Un groupe d'entraide pour qui a perdu le contrôle avec les machines à sous, le poker ou les paris."],
    "codependency": ["Pour les personnes qui s'oublient pour les autres et veulent apprendre à poser leurs limites."],
    "stress": ["Pour les personnes épuisées par le stress au travail ou à la maison, au bord de l'épuisement."],
    "self-esteem": ["Un groupe pour reprendre confiance en soi et calmer la petite voix critique."],
}
FR_EXTRA = [
    "Les rencontres se déroulent en français; l'anglais est bienvenu.",
    "Lors de votre première visite, vous pouvez simplement écouter.",
    "Café et tisane offerts.", "Ce qui se dit ici reste ici.",
    "Aucune inscription nécessaire.", "Nous commençons par un tour de table, puis une discussion libre.",
    "Personne ne vous demandera votre nom de famille.", "Les nouveaux et nouvelles sont toujours les bienvenus.",
    "Chacun parle à son tour, sans conseils ni jugement.",
]
FR_PLACE = ["Entrée par la porte de côté; la salle est au sous-sol.", "À cinq minutes à pied du métro.",
            "Stationnement gratuit derrière l'édifice.",
            "Salle accessible en fauteuil roulant, au rez-de-chaussée."]
FR_ONLINE = ["Caméra facultative.", "Le lien s'ouvre dix minutes avant le début."]

# Courses (fixed start and end dates) and closed cohorts.
COURSE_TOPICS = {
    "grief": ("{w}-Week Grief Recovery Course", 8),
    "anxiety": ("Anxiety Skills: a {w}-Week Course", 6),
    "caregivers": ("Caring for the Carer: {w}-Week Program", 6),
    "self-esteem": ("Building Self-Compassion ({w} weeks)", 8),
    "depression": ("Moving Through Low Mood: {w}-Week Peer Course", 8),
    "stress": ("Burnout to Balance: {w}-Week Course", 6),
    "relationships": ("Rebuilding After Separation: {w}-Week Course", 10),
    "alcohol": ("Mindful Recovery: {w}-Week Relapse Prevention Course", 8),
    "family-and-friends": ("Family Skills for Loved Ones: {w}-Week Course", 8),
}
COHORT_TOPICS = {
    "trauma": "Survivors' Closed Circle",
    "sex-and-love": "Intimacy Recovery Cohort",
    "food": "Food Freedom Step Study Cohort",
    "adult-children": "Adult Children Closed Step Study",
    "grief": "Widowed Partners Closed Group",
    "relationships": "Leaving Well: Closed Women's Circle",
    "gambling": "Fresh Start Gambling Cohort",
}

# Names that promise something about time, day, place or audience.
# key substring -> (predicate kind, value)
NAME_RULES = [
    ("Sunrise", "before", 10 * 60), ("Early Birds", "before", 10 * 60), ("Morning", "before", 12 * 60),
    ("Coffee Morning", "before", 12 * 60), ("Noon", "between", (11 * 60 + 30, 13 * 60 + 30)),
    ("Lunch Bunch", "between", (11 * 60 + 30, 13 * 60 + 30)), ("Night", "after", 17 * 60),
    ("Evening", "after", 17 * 60), ("Tardes", "after", 14 * 60), ("Wednesdays", "day", "wed"),
    ("Mondays", "day", "mon"), ("du mardi", "day", "tue"), ("Sober Sisters", "audience", {"women"}),
    ("Grief Support for Young Adults", "audience", {"young-adults", "everyone"}),
    ("Young Carers", "audience", {"teens", "young-adults", "everyone"}),
    ("Mujeres", "audience", {"women", "everyone"}), ("Moms and Dads", "audience", {"parents", "families", "everyone"}),
    ("Pokies", "country", {"AU", "NZ"}), ("Pet Loss", "audience", {"everyone", "seniors", "young-adults", "lgbtq"}), ("Phone Friends", "format", {"phone"}), ("Walk & Talk", "format", {"in-person", "hybrid"}),
    ("Exhausted Parents", "audience_not", {"teens", "young-adults", "seniors"}),
    ("Parents of", "audience_not", {"teens", "young-adults", "seniors"}),
    ("Widowed", "audience_not", {"teens", "young-adults", "families"}),
    ("Multiple Pathways", "approach", {"secular", "other", "smart", "mindfulness"}),
    ("All Paths", "approach", {"secular", "other", "smart", "mindfulness"}),
    ("Step Study", "approach", {"twelve-step"}), ("Big Book", "approach", {"twelve-step"}),
    ("Literature Study", "approach", {"twelve-step"}), ("Came to Believe", "approach", {"twelve-step", "faith-based"}),
    ("Spiritual Awakening", "approach", {"twelve-step", "faith-based"}), ("Promises Group", "approach", {"twelve-step"}),
    ("Bottom Lines", "approach", {"twelve-step"}), ("Happy Destiny", "approach", {"twelve-step"}),
    ("Abstinence", "approach", {"twelve-step"}), ("Laundry List", "approach", {"twelve-step"}),
    ("Harm Reduction", "approach", {"secular", "other", "smart", "mindfulness"}),
    ("Sober Curious", "approach", {"secular", "other", "mindfulness", "smart"}),
    ("Drinking Less", "approach", {"secular", "other", "mindfulness", "smart"}),
]
# Audiences that only make sense for some topics (others: any topic).
AUDIENCE_TOPICS = {
    "parents": {"family-and-friends", "caregivers", "stress", "gaming-and-tech", "grief", "depression",
                "anxiety", "relationships", "loneliness", "self-esteem", "food", "trauma"},
    "families": {"family-and-friends", "caregivers", "grief", "drugs", "alcohol", "gambling", "stress",
                 "adult-children", "depression", "gaming-and-tech"},
    "teens": {"anxiety", "depression", "gaming-and-tech", "self-esteem", "grief", "loneliness", "nicotine",
              "family-and-friends", "food", "stress"},
    "veterans": {"trauma", "alcohol", "drugs", "stress", "depression", "loneliness", "gambling", "grief", "anxiety"},
    "seniors": {"grief", "loneliness", "caregivers", "depression", "alcohol", "anxiety", "family-and-friends",
                "wellness", "stress", "relationships", "gambling"},
}
# Sentences that only make sense in a room (never used for online or phone groups).
INPERSON_ONLY = ["on the table", "soup", "basket by the door", "back to the door", "on every table", "Naloxone kits",
                 "side table", "with cake", "walk or a coffee together", "sitter in the next room", "quiet corner",
                 "Coffee's on", "biscuits", "show you around", "greeter at the door", "spare chairs", "tea and chat",
                 "meet you at the door", "printed handouts", "slip in", "chips are offered", "key tags", "Tea, coffee",
                 "pass a basket", "basket goes round", "in the basket", "chairs and cushions", "at the door",
                 "stays after the meeting", "Literature is on the table", "bring a notebook", "play corner",
                 "in the room", "the seats are comfortable", "new venue", "passed round"]
OPENER_APPROACH = {
    "A meeting for adult children of alcoholic and dysfunctional families, using the Laundry List and the Solution.": "twelve-step",
    "Long-timers and newcomers sharing experience, strength and hope about living without alcohol.": "twelve-step",
    "A meeting for people with a desire to stop drinking; no sign-up, no dues, no pressure to speak.": "twelve-step",
    "An all-pathways recovery meeting: 12-step, SMART, faith, harm reduction, medication or your own way.": "other",
}
FAMILY_GAMBLING_OPENERS = [
    "For partners, parents and grown children of someone who gambles.",
    "If someone you love gambles and the money keeps disappearing, you are not alone.",
    "A group for family members living with the fallout of a loved one's betting: debt, secrecy and broken promises.",
]
FAMILY_GAMBLING_DETAILS = [
    "We talk about protecting your own money too: separate accounts, credit checks and where to get debt advice.",
    "Nobody here will tell you to leave or to stay; those decisions are yours.",
    "Many members come while their loved one is still betting; some come long after it stopped.",
]
PLACE_SENTENCES = [
    "We're just off {street} in {hood}; look for the sandwich board by the door.",
    "Easy to find on {street}, a short walk from the middle of {hood}.",
    "The venue is on {street}; if the front is locked, knock on the side door.",
    "Handy for anyone in {hood}: we're on {street}, and the entrance is at the back.",
]
LOCAL_US = [
    ("a lift to the first floor", "an elevator to the second floor"), ("car park", "parking lot"),
    ("biscuits", "cookies"), ("recognise", "recognize"), ("practise", "practice"), ("programme", "program"),
    ("behaviour", "behavior"), ("Neighbours", "Neighbors"), ("neighbour", "neighbor"), ("mums", "moms"),
    ("Carers Support", "Caregivers Support"), ("carers", "caregivers"), ("Carers", "Caregivers"),
    ("counsellor", "counselor"), ("your GP", "your doctor"), ("judgement", "judgment"), ("ageing", "aging"), ("centring", "centering"), ("colour", "color"), ("centre", "center"),
    ("Centre", "Center"), ("annexe", "annex"), ("organis", "organiz"),
    ("Wellbeing", "Wellness"), ("wellbeing", "well-being"),
]
LOCAL_CA = [("a lift to the first floor", "an elevator to the second floor"), ("car park", "parking lot"), ("biscuits", "cookies"), ("mums", "moms"), ("programme", "program"),
            ("practise", "practice")]


def localise(text: str, country: str) -> str:
    """Spell an English sentence the way people in the listing's country would."""
    for a, b in {"US": LOCAL_US, "CA": LOCAL_CA}.get(country, []):
        text = text.replace(a, b)
    return text


# ---------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------
TOPIC_APPROACHES = {
    "twelve-step": {"codependency", "family-and-friends", "adult-children", "relationships", "alcohol",
                    "drugs", "gambling", "sex-and-love", "food", "gaming-and-tech", "nicotine",
                    "addiction", "anxiety", "depression"},
    "smart": {"alcohol", "drugs", "gambling", "food", "gaming-and-tech", "nicotine", "addiction",
              "family-and-friends", "sex-and-love"},
    "mindfulness": {"anxiety", "depression", "stress", "trauma", "grief", "self-esteem", "caregivers",
                    "loneliness", "alcohol", "drugs", "food", "relationships", "nicotine", "wellness",
                    "adult-children", "addiction"},
    "secular": None,  # anything
    "faith-based": None,
    "other": None,
}
RELATED = {
    "alcohol": ["drugs"], "drugs": ["alcohol"], "anxiety": ["depression", "stress"],
    "depression": ["anxiety", "loneliness"], "grief": ["loneliness"],
    "family-and-friends": ["codependency", "adult-children"], "adult-children": ["codependency", "trauma"],
    "codependency": ["relationships"], "relationships": ["self-esteem"], "trauma": ["anxiety"],
    "caregivers": ["stress", "grief"], "stress": ["anxiety"], "self-esteem": ["anxiety"],
    "loneliness": ["depression"], "food": ["self-esteem"], "gaming-and-tech": ["anxiety"],
    "sex-and-love": ["relationships"], "gambling": ["family-and-friends"], "nicotine": [],
    "addiction": [], "wellness": ["loneliness"],
}
AUDIENCE_WEIGHTS = [("everyone", 62), ("women", 8), ("men", 6), ("lgbtq", 4), ("young-adults", 5),
                    ("seniors", 4), ("families", 3), ("parents", 3), ("bipoc", 2), ("teens", 1),
                    ("veterans", 2)]
TIME_BANDS = {
    "morning": ["07:00", "07:00", "07:30", "08:00", "09:00", "09:30", "10:00", "10:00", "10:30", "11:00"],
    "midday": ["12:00", "12:00", "12:15", "12:30", "13:00"],
    "afternoon": ["13:30", "14:00", "15:00", "16:00", "16:30"],
    "evening": ["17:30", "18:00", "18:30", "18:30", "19:00", "19:00", "19:00", "19:30", "19:30", "20:00"],
    "late": ["20:30", "21:00"],
    "night": ["21:30", "22:00", "22:30", "23:00"],
}
MONTHLY = [("monthly:1", 3), ("monthly:2", 3), ("monthly:3", 2), ("monthly:4", 1), ("monthly:-1", 3),
           ("monthly:1,3", 3), ("monthly:2,4", 2)]
ONLINE_GROUPS = 200
# The needs people search for most get a little more weight.
CORE_TOPICS = {"alcohol": 6.0, "drugs": 3.0, "family-and-friends": 3.5, "codependency": 2.0, "grief": 2.5,
               "anxiety": 2.5, "depression": 2.5, "caregivers": 1.5, "addiction": 0.5, "wellness": 0.5,
               # less common needs still need enough rooms in a metro area (and in each language)
               # for a seeker to have a choice
               "sex-and-love": 1.8, "food": 2.0, "gaming-and-tech": 1.6, "nicotine": 1.6, "adult-children": 1.8}


def slugify(text: str) -> str:
    import unicodedata
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def wchoice(rng: random.Random, pairs):
    items = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(items, weights=weights, k=1)[0]


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def to_min(t: str) -> int:
    h, m = t.split(":")
    return int(h) * 60 + int(m)


def next_weekday(start: dt.date, wd: str) -> dt.date:
    target = WEEKDAYS.index(wd)
    return start + dt.timedelta(days=(target - start.weekday()) % 7)


def long_date(d: dt.date, country: str) -> str:
    if country == "US":
        return f"{d.strftime('%B')} {d.day}, {d.year}"
    return f"{d.day} {d.strftime('%B')} {d.year}"


class Builder:
    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.topic_count: Counter = Counter()
        self.city_topic: Counter = Counter()
        self.approach_count: Counter = Counter()
        self.audience_count: Counter = Counter()
        self.name_count: Counter = Counter()
        self.sentence_count: Counter = Counter()
        self.org_city: Counter = Counter()
        self.org_online: Counter = Counter()
        self.slugs: set[str] = set()
        self.descriptions: set[str] = set()
        self.place_cache: dict = {}
        self.names_used: set = set()
        self.orgs = [dict(zip(("name", "domain", "kind", "cities", "home", "online", "topics",
                                "approaches", "langs", "audiences", "tzs"), o, strict=True)) for o in ORGS]
        for i, org in enumerate(self.orgs):
            tld = "example.org" if i % 5 not in (3, 4) else ("example.net" if i % 5 == 3 else "example.com")
            org["email_domain"] = f"{org['domain']}.{tld}"
            org["website"] = f"https://{org['domain']}.example.org"

    # -- helpers ------------------------------------------------------------------------
    def pick_balanced(self, options, counter, power=2.0):
        weights = [1.0 / (1 + counter[o]) ** power for o in options]
        return self.rng.choices(options, weights=weights, k=1)[0]

    def pick_sentence(self, pool, remote=False, signup=False):
        """Pick from a sentence pool, preferring the least-used sentences."""
        pool = [p for p in pool if not (remote and any(k in p for k in INPERSON_ONLY))
                and not (signup and any(k in p for k in NO_SIGNUP)) and self.sentence_fits(p)]
        if not pool:
            return None
        weights = [1.0 / (1 + self.sentence_count[s]) ** 2 for s in pool]
        s = self.rng.choices(pool, weights=weights, k=1)[0]
        self.sentence_count[s] += 1
        return s

    def sentence_fits(self, p: str) -> bool:
        """Keep a sentence from contradicting the listing it is written for."""
        g = getattr(self, "current", None)
        if not g:
            return True
        if g["facilitation"] == "professional" and any(k in p for k in ("Peer-led", "peer-led", "volunteer")):
            return False
        if g["welcome"] == "closed" and "bring a friend" in p:
            return False
        if g["org"]["kind"] != "church" and "Hosted by the church" in p:
            return False
        addiction = {"alcohol", "drugs", "gambling", "sex-and-love", "food", "gaming-and-tech", "nicotine", "addiction"}
        if "urges" in p and not addiction & set(g["topics"]):
            return False
        if g["cost"] == "free" and any(k in p for k in ("pass a basket", "self-supporting")):
            return False
        return True

    def phone(self, country: str, area: str | None) -> str:
        r = self.rng
        if country in ("US", "CA") and area:
            return f"+1 {area}-555-01{r.randint(0, 99):02d}"
        if country == "GB":
            return f"+44 1632 960{r.randint(0, 999):03d}"
        if country == "AU":
            if area == "2":
                return f"+61 2 5550 {r.randint(0, 9999):04d}"
            return f"+61 491 570 {r.randint(6, 159):03d}"
        return ""

    # -- the groups -----------------------------------------------------------------------
    def build(self):
        r = self.rng
        # every organization with venues gets at least two groups in its own cities first
        remaining = {key: c[6] for key, c in CITIES.items()}
        slots = []
        for org in self.orgs:
            # Spanish- and French-language organizations are few, so each runs a group in every
            # city it serves (and two in its home city) rather than two in all
            n = 2 if org["langs"][0] not in ("es", "fr") else len(org["cities"]) + 1
            for j in range(n if org["cities"] else 0):
                city = org["cities"][j % len(org["cities"])]
                if remaining[city] > 0:
                    remaining[city] -= 1
                    slots.append(("reserved", city, org))
        for key in CITIES:
            slots += [("place", key, None)] * remaining[key]
        slots += [("online", None, None)] * ONLINE_GROUPS
        groups = []
        topic = None
        for kind, city, org in slots:
            if kind == "reserved":
                self.org_city[(org["name"], city)] += 1
                fmt = "hybrid" if r.random() < 0.17 else "in-person"
            elif kind == "place":
                cands = [o for o in self.orgs if city in o["cities"]]
                order = PARENT_TOPICS + CHILD_TOPICS
                offered = sorted({t for o in cands for t in o["topics"]}, key=order.index)
                tw = [self.topic_weight(city, t) for t in offered]
                topic = r.choices(offered, weights=tw, k=1)[0]
                cands = [o for o in cands if topic in o["topics"]]
                # local organizations first; spread each organization's groups over its cities
                weights = [(1.0 / len(o["cities"])) ** 0.6 / (1 + self.org_city[(o["name"], city)]) ** 2
                           for o in cands]
                org = r.choices(cands, weights=weights, k=1)[0]
                self.org_city[(org["name"], city)] += 1
                fmt = "hybrid" if r.random() < 0.17 else "in-person"
            else:
                cands = [o for o in self.orgs if o["online"] > 0]
                share = {1: 1.0, 2: 3.0, 3: 7.0, 4: 12.0}
                weights = [share[o["online"]] / (1 + self.org_online[o["name"]]) for o in cands]
                org = r.choices(cands, weights=weights, k=1)[0]
                self.org_online[org["name"]] += 1
                home = CITIES[org["home"]]
                phone_ok = home[8] is not None and home[2] in ("US", "CA", "GB", "AU")
                p_phone = 0.85 if "Phone" in org["name"] else 0.17
                fmt = "phone" if phone_ok and r.random() < p_phone else "online"
            groups.append(self.make_group(org, city, fmt, topic if kind == "place" else None))
        self.assign_specials(groups)
        for g in groups:
            self.schedule(g)
            self.ctx(g)
            g["place"] = self.place(g, g["city_key"]) if g["city_key"] else None
            if g["place"] and g["place"]["hood"]:
                g["hood"] = g["place"]["hood"]
            self.write_text(g)
            self.places_and_online(g)
        return groups

    def topic_weight(self, where, t):
        return CORE_TOPICS.get(t, 1.0) / (1 + self.city_topic[(where, t)]) ** 1.3 / (1 + self.topic_count[t]) ** 0.2

    def make_group(self, org, city, fmt, topic=None):
        r = self.rng
        g = {"org": org, "city_key": city, "format": fmt}
        home_key = city or org["home"]
        g["home_key"] = home_key
        g["country"] = CITIES[home_key][2]
        if city:
            g["tz"] = CITIES[city][3]
        else:
            g["tz"] = r.choice([CITIES[org["home"]][3]] + org["tzs"]) if org["tzs"] else CITIES[org["home"]][3]
        # topics
        # balance topics within each city (so every city has the common needs covered) and
        # across the directory (so rare topics still appear)
        where = city or org["name"]
        if topic is None:
            weights = [self.topic_weight(where, t) for t in org["topics"]]
            topic = r.choices(org["topics"], weights=weights, k=1)[0]
        self.city_topic[(where, topic)] += 1
        topics = [topic]
        if RELATED.get(topic) and r.random() < 0.25:
            second = r.choice(RELATED[topic])
            if second not in topics:
                topics.append(second)
        for t in topics:
            self.topic_count[t] += 1
        g["topics"] = topics
        # approach
        ok = [a for a in org["approaches"] if TOPIC_APPROACHES[a] is None or topic in TOPIC_APPROACHES[a]]
        if not ok:
            ok = ["other"]
        approach = self.pick_balanced(ok, self.approach_count, power=1.0)
        self.approach_count[approach] += 1
        g["approach"] = approach
        # audience
        fits = [a for a in org["audiences"] if a not in AUDIENCE_TOPICS or topic in AUDIENCE_TOPICS[a]]
        if fits and r.random() < 0.45:
            aud = [self.pick_balanced(fits, self.audience_count, power=1.0)]
        else:
            aud = [wchoice(r, AUDIENCE_WEIGHTS)]
        if aud[0] in AUDIENCE_TOPICS and topic not in AUDIENCE_TOPICS[aud[0]]:
            aud = ["everyone"]
        if aud == ["young-adults"] and r.random() < 0.2:
            aud.append("lgbtq")
        if aud == ["women"] and r.random() < 0.15:
            aud.append("bipoc")
        for a in aud:
            self.audience_count[a] += 1
        g["audience"] = aud
        # languages
        langs = list(org["langs"])
        primary = langs[0]
        if len(langs) > 1 and r.random() < (0.3 if primary == "en" else 0.15):
            primary = r.choice(langs[1:])
        if primary in ("es", "fr"):
            pools = ES_OPENERS if primary == "es" else FR_OPENERS
            if topic in pools and r.random() < 0.75:
                g["languages"] = [primary] if r.random() < 0.6 else [primary, "en"]
            else:
                g["languages"] = ["en", primary]
        elif primary != "en":
            g["languages"] = [primary, "en"] if r.random() < 0.7 else [primary]
        else:
            g["languages"] = ["en"]
        # facilitation, welcome, cost
        kind = org["kind"]
        p_prof = {"clinic": 0.85, "hospice": 0.5, "intergroup": 0.0}.get(kind, 0.15)
        if approach in ("twelve-step",):
            p_prof = 0.0
        g["facilitation"] = "professional" if r.random() < p_prof else "peer-led"
        if topic in ("family-and-friends", "caregivers", "loneliness", "grief", "wellness"):
            g["welcome"] = "open" if r.random() < 0.85 else "closed"
        elif approach == "twelve-step":
            g["welcome"] = "closed" if r.random() < 0.5 else "open"
        else:
            g["welcome"] = "open" if r.random() < 0.7 else "closed"
        if g["facilitation"] == "professional":
            cost = wchoice(r, [("fee", 40), ("sliding-scale", 40), ("free", 20)] if kind == "clinic"
                           else [("sliding-scale", 40), ("free", 40), ("donation", 20)])
        elif approach == "twelve-step" or kind == "intergroup":
            cost = wchoice(r, [("donation", 70), ("free", 30)])
        else:
            cost = wchoice(r, [("free", 62), ("donation", 33), ("sliding-scale", 5)])
        cur = CURRENCY[g["country"]]
        if cost in ("fee", "sliding-scale") and cur not in ("USD", "CAD", "GBP", "AUD"):
            cost = "donation"  # keep fees to the four main currencies
        g["cost"] = cost
        g["currency"] = cur
        if cost == "fee":
            g["fee"] = r.choice({"USD": [20, 25, 30, 35, 40, 45], "CAD": [20, 25, 30, 40],
                                 "GBP": [8, 10, 12, 15, 20], "AUD": [15, 20, 25, 30, 40],
                                 "NZD": [15, 20, 25], "EUR": [10, 12, 15, 20]}[cur])
        elif cost == "sliding-scale":
            g["fee"] = r.choice({"USD": [10, 15, 20, 25], "CAD": [10, 15, 20], "GBP": [5, 8, 10],
                                 "AUD": [10, 15, 20], "NZD": [10, 15], "EUR": [5, 10]}[cur])
        else:
            g["fee"] = None
        # access
        acc = []
        if fmt in ("in-person", "hybrid"):
            if r.random() < 0.62:
                acc.append("wheelchair")
                if r.random() < 0.6:
                    acc.append("wheelchair-bathroom")
            if r.random() < 0.06:
                acc.append("asl")
            if r.random() < 0.12:
                acc.append("fragrance-free")
            if r.random() < (0.35 if set(aud) & {"parents", "families"} else 0.05):
                acc.append("childcare")
        if fmt in ("online", "hybrid"):
            if r.random() < 0.3:
                acc.append("captions")
            if "asl" not in acc and r.random() < 0.05:
                acc.append("asl")
        g["access"] = acc
        # registration
        p_reg = 0.05
        if g["facilitation"] == "professional":
            p_reg = 0.55
        if fmt == "online":
            p_reg = max(p_reg, 0.12)
        if "teens" in aud or cost == "fee":
            p_reg = 1.0
        g["registration"] = r.random() < p_reg
        g["accepting"] = True
        g["special"] = None
        g["paused"] = False
        # verification date
        g["last_verified"] = REF_DATE - dt.timedelta(days=r.randint(0, 150))  # some made stale later
        return g

    def assign_specials(self, groups):
        r = self.rng
        order = list(range(len(groups)))
        r.shuffle(order)
        courses_left = dict(COURSE_TOPICS)
        cohorts_left = dict(COHORT_TOPICS)
        n_course = n_cohort = n_ends = 0
        for i in order:
            g = groups[i]
            t = g["topics"][0]
            if g["languages"][0] in ("es", "fr"):
                continue
            if t in courses_left and n_course < 9 and g["approach"] != "twelve-step":
                title, weeks = courses_left.pop(t)
                g["special"] = ("course", title.format(w=weeks), weeks)
                n_course += 1
            elif t in cohorts_left and n_cohort < 7 and ("Step Study" not in cohorts_left[t] or g["approach"] == "twelve-step"):
                g["special"] = ("cohort", cohorts_left.pop(t), None)
                if "Women" in g["special"][1]:
                    g["audience"] = ["women"]
                n_cohort += 1
            elif n_ends < 3 and g["topics"][0] in ("loneliness", "stress", "nicotine", "self-esteem", "anxiety"):
                g["special"] = ("ends", None, None)
                n_ends += 1
        # exactly ~4% paused and ~8% stale (not confirmed for more than 200 days)
        plain = [g for g in groups if g["special"] is None]
        for g in r.sample(plain, round(0.04 * len(groups))):
            g["paused"] = True
        for g in r.sample(groups, round(0.08 * len(groups))):
            g["last_verified"] = REF_DATE - dt.timedelta(days=r.randint(205, 640))
            if g["special"] and g["special"][0] in ("course", "cohort"):
                g["registration"] = True
                g["welcome"] = "closed"
                if g["special"][0] == "course" and g["cost"] == "donation":
                    g["cost"] = "free"

    def schedule(self, g):
        r = self.rng
        fmt = g["format"]
        online = fmt in ("online", "phone")
        special = g["special"][0] if g["special"] else None
        teens = "teens" in g["audience"]
        if special in ("course", "cohort"):
            n = 1
        elif teens:
            n = wchoice(r, [(1, 3), (2, 1)])
        else:
            n = wchoice(r, [(1, 58), (2, 22), (3, 12), (4, 2), (5, 3), (6, 1), (7, 2)] if online
                        else [(1, 64), (2, 22), (3, 10), (4, 2), (5, 2)])
        if n == 7:
            days = list(WEEKDAYS)
        elif n == 5:
            days = WEEKDAYS[:5]
        elif n == 6:
            days = WEEKDAYS[:6]
        else:
            days = sorted(r.sample(WEEKDAYS, n), key=WEEKDAYS.index)
        bands = [("evening", 50), ("morning", 18), ("midday", 12), ("afternoon", 10), ("late", 5)]
        if online:
            bands.append(("night", 6))
        if n >= 5:
            bands = [("morning", 50), ("midday", 35), ("evening", 15)]
        if teens:  # after school
            bands = [("evening", 1)]
        base_band = wchoice(r, bands)
        base = r.choice(TIME_BANDS[base_band])
        approach = g["approach"]
        if special == "course":
            dur = 120 if r.random() < 0.5 else 90
        elif fmt == "phone":
            dur = r.choice([45, 60, 60])
        elif approach == "twelve-step":
            dur = 60 if r.random() < 0.85 else 90
        elif g["facilitation"] == "professional" or approach == "smart":
            dur = 90
        elif approach == "mindfulness":
            dur = r.choice([60, 75, 90])
        else:
            dur = r.choice([60, 90, 90, 120])
        monthly = None
        t0 = g["topics"][0]
        if special is None and n == 1:
            p = 0.3 if t0 in ("caregivers", "grief", "family-and-friends", "loneliness") else 0.05
            if r.random() < p:
                monthly = wchoice(r, MONTHLY)
        meetings = []
        for d in days:
            start = base
            if len(days) > 1 and n < 5 and r.random() < 0.3:
                start = r.choice(TIME_BANDS["morning" if d in ("sat", "sun") else wchoice(r, bands)])
            elif d in ("sat", "sun") and base_band == "late":
                start = r.choice(TIME_BANDS["morning"])
            s = to_min(start)
            e = min(s + dur, 23 * 60 + 45)
            if e - s < 45:
                e = s + 45
            meetings.append({"weekday": d, "start_time": start, "end_time": hhmm(e),
                             "timezone": g["tz"], "recurrence": monthly or "weekly",
                             "starts_on": "", "ends_on": ""})
        if special == "course":
            m = meetings[0]
            weeks = g["special"][2]
            if r.random() < 0.35:  # already running
                start = next_weekday(REF_DATE - dt.timedelta(days=r.randint(14, 30)), m["weekday"])
                g["accepting"] = False
            else:
                start = next_weekday(dt.date(2027, 1, 4) + dt.timedelta(days=r.choice([0, 0, 7, 21, 35])), m["weekday"])
            end = start + dt.timedelta(weeks=weeks - 1)
            m["starts_on"], m["ends_on"] = start.isoformat(), end.isoformat()
            g["course_dates"] = (start, end)
        elif special == "cohort":
            m = meetings[0]
            start = next_weekday(dt.date(2027, 1, 11) + dt.timedelta(days=r.choice([0, 14, 28, 42, 63])), m["weekday"])
            m["starts_on"] = start.isoformat()
            g["accepting"] = False
            g["course_dates"] = (start, None)
        elif special == "ends":
            m = meetings[-1]
            end = next_weekday(dt.date(2026, 12, 7) + dt.timedelta(days=r.choice([0, 7, 14])), m["weekday"])
            m["ends_on"] = end.isoformat()
            g["course_dates"] = (None, end)
        g["meetings"] = meetings

    # -- names and descriptions -------------------------------------------------------------
    def ctx(self, g):
        c = CITIES[g["home_key"]]
        hoods = list(HOODS[g["home_key"]]) if g["home_key"] in HOODS else (c[9] or GENERIC_HOODS)
        country = g["country"]
        first = g["meetings"][0]
        h = to_min(first["start_time"]) // 60
        daypart = "Morning" if h < 12 else ("Noon" if h < 14 else ("Afternoon" if h < 17 else ("Evening" if h < 21 else "Late Night")))
        if "hood" not in g:
            own = [h for h in hoods if h.lower().removeprefix("the ") in g["org"]["name"].lower()]
            g["hood"] = own[0] if own else self.rng.choice(hoods)
        return {"hood": g["hood"], "city": c[0], "day": DAY_NAMES[first["weekday"]], "daypart": daypart,
                "centre": "Center" if country == "US" else "Centre",
                "counselor": "counselor" if country == "US" else "counsellor"}

    @staticmethod
    def name_fits(pattern, g):
        starts = [to_min(m["start_time"]) for m in g["meetings"]]
        for key, kind, val in NAME_RULES:
            if key not in pattern:
                continue
            if kind == "before" and max(starts) >= val:
                return False
            if kind == "after" and min(starts) < val:
                return False
            if kind == "between" and not all(val[0] <= s_ <= val[1] for s_ in starts):
                return False
            if kind == "day" and any(m["weekday"] != val for m in g["meetings"]):
                return False
            if kind == "audience" and not set(g["audience"]) <= val:
                return False
            if kind == "country" and g["country"] not in val:
                return False
            if kind == "format" and g["format"] not in val:
                return False
            if kind == "approach" and g["approach"] not in val:
                return False
            if kind == "audience_not" and set(g["audience"]) & val:
                return False
        return True

    def pick_name(self, g, ctx):
        r = self.rng
        lang = g["languages"][0]
        t = g["topics"][0]
        if g["special"] and g["special"][0] in ("course", "cohort"):
            raw = COURSE_TOPICS.get(t, ("",))[0] if g["special"][0] == "course" else g["special"][1]
            g["tag"] = NAME_TAGS.get(raw)
            return g["special"][1]
        if lang == "es" and t in ES_NAMES:
            pool = ES_NAMES[t]
        elif lang == "fr" and t in FR_NAMES:
            pool = FR_NAMES[t]
        else:
            pool = TOPIC_NAMES[t]
        ok = []
        for p in pool:
            if "{hood}" in p and not g["city_key"]:
                continue
            if "{day}" in p and len({m["weekday"] for m in g["meetings"]}) > 1:
                continue
            if "{day}" in p and "{daypart}" in p and ctx["daypart"] == "Late Night":
                continue
            if not self.name_fits(p, g):
                continue
            if (p, g["city_key"] or g["org"]["name"]) in self.names_used:
                continue
            ok.append(p)
        if not ok:
            ok = [p for p in TOPIC_NAMES[t] if "{" not in p and self.name_fits(p, g)] or \
                 [p for p in TOPIC_NAMES[t] if "{" not in p]
        weights = [1.0 / (1 + self.name_count[p]) ** 2 for p in ok]
        pattern = r.choices(ok, weights=weights, k=1)[0]
        self.name_count[pattern] += 1
        g["tag"] = NAME_TAGS.get(pattern)
        self.names_used.add((pattern, g["city_key"] or g["org"]["name"]))
        name = pattern.format(**ctx)
        name = name[0].upper() + name[1:]
        if lang not in ("es", "fr"):
            name = localise(name, g["country"])
        if g["format"] in ("online", "phone") and r.random() < 0.25 and "Online" not in name and "Phone" not in name:
            suffix = {"es": (" (por teléfono)", " en línea"), "fr": (" (par téléphone)", " en ligne")}.get(
                lang if pool is not TOPIC_NAMES[t] else "en", (" (Phone)", " Online"))
            name += suffix[0] if g["format"] == "phone" else suffix[1]
        return name

    def write_text(self, g):
        ctx = self.ctx(g)
        g["name"] = self.pick_name(g, ctx)
        base = slugify(g["name"])
        base = re.sub(r"-(online|en-linea|en-ligne|phone|por-telefono|par-telephone)$", "", base)
        where = slugify(CITIES[g["city_key"]][0]) if g["city_key"] else ("phone" if g["format"] == "phone" else "online")
        slug = f"{base}-{where}"
        if slug in self.slugs:
            slug = f"{base}-{slugify(ctx['hood'])}-{where}" if g["city_key"] else f"{base}-{slugify(g['org']['domain'])}"
        n = 2
        while slug in self.slugs:
            slug = f"{base}-{where}-{n}"
            n += 1
        self.slugs.add(slug)
        g["slug"] = slug
        for _attempt in range(40):
            desc = self.describe(g, ctx)
            if desc not in self.descriptions and len(desc) <= 600:
                break
        else:
            raise RuntimeError(f"could not make a unique description for {slug}")
        self.descriptions.add(desc)
        g["description"] = desc

    def describe(self, g, ctx):
        r = self.rng
        self.current = g
        lang = g["languages"][0]
        t = g["topics"][0]
        fmt = g["format"]
        country = g["country"]
        if lang in ("es", "fr") and t in (ES_OPENERS if lang == "es" else FR_OPENERS):
            opener = self.pick_sentence(ES_OPENERS[t] if lang == "es" else FR_OPENERS[t])
            extra = ES_EXTRA if lang == "es" else FR_EXTRA
            place = ES_PLACE if lang == "es" else FR_PLACE
            onl = ES_ONLINE if lang == "es" else FR_ONLINE
            parts = [opener]
            if fmt in ("online", "phone"):
                extra = [e for e in extra if e not in ("Hay café y pan dulce.", "Café et tisane offerts.")]
            if g["registration"]:
                extra = [e for e in extra if not any(k in e for k in NO_SIGNUP)]
            if g["city_key"] != "mtl":
                place = [p for p in place if "métro" not in p]
            parts += r.sample(extra, r.choice([1, 2]))
            if fmt in ("in-person", "hybrid") and r.random() < 0.6:
                parts.append(self.pick_sentence(place))
            elif fmt in ("online", "phone") and r.random() < 0.6:
                parts.append(self.pick_sentence(onl))
            if g["paused"]:
                parts = parts[:3] + ["En pausa por las fiestas; volvemos en enero." if lang == "es"
                                     else "Relâche pendant les fêtes; retour en janvier."]
            return " ".join(parts[:4])
        sym = SYMBOL[g["currency"]]
        remote = fmt in ("online", "phone")
        signup = g["registration"] or bool(g["special"])
        must, optional = [], []
        special = g["special"][0] if g["special"] else None
        if special == "course":
            start, end = g["course_dates"]
            weeks = g["special"][2]
            if g["accepting"]:
                must.append(r.choice([
                    f"{'An' if weeks in (8, 11, 18) else 'A'} {weeks}-week course starting {long_date(start, country)} and finishing {long_date(end, country)}; each week builds on the last, so please plan to come to every session.",
                    f"Runs for {weeks} weeks from {long_date(start, country)}, with the same small group each week.",
                ]))
            else:
                must.append(f"The current {weeks}-week course is under way and closed to new members until it finishes on {long_date(end, country)}; the next intake is announced on the website.")
        elif special == "cohort":
            start = g["course_dates"][0]
            must.append(r.choice([
                f"This is a closed cohort and the current group is full; the next cohort begins {long_date(start, country)}, so register now to hold a place.",
                f"We meet as a fixed group so trust can build; new members join only at the start of a cohort, and the next one starts {long_date(start, country)}.",
            ]))
        elif special == "ends":
            end = g["course_dates"][1]
            if len(g["meetings"]) > 1:
                day = DAY_NAMES[g["meetings"][-1]["weekday"]]
                must.append(f"The {day} meeting is a short series and ends on {long_date(end, country)}; the other meetings carry on as usual.")
            else:
                must.append(r.choice([f"This is a short series: the last meeting is on {long_date(end, country)}.",
                                      f"This meeting is winding down; the last one is on {long_date(end, country)}, and members are moving to the organization's other groups."]))
        if g["paused"]:
            must.append(self.pick_sentence(PAUSED_SENTENCES, remote))
        if g["cost"] in ("fee", "sliding-scale", "donation") and (g["cost"] != "donation" or r.random() < 0.3):
            amt = g["fee"] or 0
            s = self.pick_sentence(COST_SENTENCES[g["cost"]], remote)
            if s:
                must.append(s.format(sym=sym, coin={"GBP": "a pound or two", "EUR": "a euro or two"}.get(g["currency"], "a couple of dollars"), amt=amt, low=max(1, amt // 2), high=amt * 2))
        others = [l for l in g["languages"] if l != "en"]
        if others and "en" not in g["languages"]:
            must.append(f"This meeting is held in {LANGUAGE_NAMES.get(others[0], others[0])}.")
        else:
            for l in others:
                if l in LANGUAGE_SENTENCES:
                    must.append(LANGUAGE_SENTENCES[l])
        tag = g.get("tag")
        tagged = [o for o in TOPIC_OPENERS[t] if tag and OPENER_TAGS.get(o) == tag]
        opener_pool = tagged or [o for o in TOPIC_OPENERS[t] if OPENER_TAGS.get(o) in (None, *SHARED_TAGS)
                                 and OPENER_APPROACH.get(o, g["approach"]) == g["approach"]]
        if t == "family-and-friends" and not tagged and "gambling" in g["org"]["topics"] \
                and not {"alcohol", "drugs"} & set(g["org"]["topics"]):
            opener_pool = FAMILY_GAMBLING_OPENERS
        opener = self.pick_sentence(opener_pool)
        detail_pool = [d for d in TOPIC_DETAILS.get(t, []) if g["approach"] == "twelve-step" or "Laundry List" not in d]
        if opener_pool is FAMILY_GAMBLING_OPENERS:
            detail_pool = FAMILY_GAMBLING_DETAILS
        # don't say the same thing twice
        for word in ("methadone", "medication", "Laundry List", "bottom lines", "breakup", "porn"):
            if word in opener:
                detail_pool = [d for d in detail_pool if word not in d]
        if detail_pool and r.random() < 0.5:
            optional.append(("detail", self.pick_sentence(detail_pool, remote, signup)))
        if r.random() < 0.7:
            optional.append(("flow", self.pick_sentence(APPROACH_FLOW[g["approach"]], remote)))
        aud = [a for a in g["audience"] if a != "everyone"]
        if aud and r.random() < 0.75:
            optional.append(("aud", self.pick_sentence(AUDIENCE_SENTENCES[aud[0]], remote)))
        if g["facilitation"] == "professional" and r.random() < 0.5:
            optional.append(("prof", self.pick_sentence(PROFESSIONAL_SENTENCES).format(**ctx)))
        if g["registration"] and not special and r.random() < 0.6:
            optional.append(("reg", self.pick_sentence(REGISTRATION_SENTENCES)))
        if g["audience"] == ["everyone"] and r.random() < 0.2:
            optional.append(("welcome", self.pick_sentence(WELCOME_SENTENCES[g["welcome"]])))
        if r.random() < 0.55:
            optional.append(("first", self.pick_sentence(FIRST_VISIT, remote, signup)))
        if r.random() < 0.55:
            if fmt == "in-person":
                pool = INPERSON_LOGISTICS + {"US": INPERSON_LOGISTICS_US, "GB": INPERSON_LOGISTICS_UK,
                                             "AU": INPERSON_LOGISTICS_AU}.get(country, [])
            elif fmt == "hybrid":
                pool = HYBRID_LOGISTICS
            elif fmt == "phone":
                pool = PHONE_LOGISTICS
            else:
                pool = ONLINE_LOGISTICS
            if g.get("place") and g["city_key"] in HOODS and r.random() < 0.3:
                pool = PLACE_SENTENCES
            sentence = self.pick_sentence(pool)
            if g.get("place"):
                sentence = sentence.format(street=g["place"]["street"], hood=ctx["hood"])
            optional.append(("logistics", sentence))
        room = max(0, 4 - 1 - len(must))
        if len(optional) > room:
            keep = sorted(r.sample(range(len(optional)), room))
            optional = [optional[i] for i in keep]
        if len(optional) >= 2 and r.random() < 0.3:
            optional[-1], optional[-2] = optional[-2], optional[-1]
        optional = [(k, x) for k, x in optional if x]
        sentences = [opener] + [s for _, s in optional[:1]] + must + [s for _, s in optional[1:]]
        if not optional and not must:
            sentences.append(self.pick_sentence(FIRST_VISIT, remote, signup))
        sentences = [x for x in sentences if x]
        sentences = [localise(x, country) for x in sentences[:4]]
        text = " ".join(sentences)
        while len(text) > 600 and len(sentences) > 1:
            sentences.pop()
            text = " ".join(sentences)
        return text

    # -- places and join details ----------------------------------------------------------
    def venue(self, g, key):
        r = self.rng
        c = CITIES[key]
        country = c[2]
        org = g["org"]
        hood = g.get("hood") or r.choice(c[9] or GENERIC_HOODS)
        hood = hood[4:] if hood.startswith("the ") else hood
        hood = hood[0].upper() + hood[1:]
        centre = "Center" if country == "US" else "Centre"
        neighbourhood = "Neighborhood" if country == "US" else "Neighbourhood"
        kind = org["kind"]
        saints = ["Aidan", "Brigid", "Columba", "Cuthbert", "Hilda", "Barnabas", "Chad", "Anselm", "Swithun",
                  "Bede", "Oswald", "Ninian"]
        if kind == "church":
            short = org["name"].replace(" Outreach", "").replace(" Church Network", "").replace(" Parish", "")
            pool = {
                "St. Brendan's": ["St. Brendan's Parish Hall", "St. Brendan's Church, Lower Hall", "St. Brendan's Parish Center, Room 2"],
                "Grace Commons": ["Grace Commons Church, Fellowship Hall", "Grace Commons Church, Room 104", "Grace Commons Church, Chapel Annex"],
                "St Columba's Church": ["St Columba's Church Hall", "St Columba's, Upper Room"],
                "Kookaburra Street Church": ["Kookaburra Street Church, Community Room", "Kookaburra Street Church Hall"],
            }
            for k, v in pool.items():
                if short.startswith(k):
                    return r.choice(v)
        lang = g["languages"][0]
        if lang == "fr" and kind != "church":
            return r.choice([f"{org['name']}, salle {r.randint(1, 4)}", f"Centre communautaire {hood}",
                             f"Sous-sol de l'église Saint-{r.choice(['Roch', 'Jean', 'Sauveur', 'Charles'])}",
                             f"Bibliothèque {hood}, salle de réunion", f"Maison de quartier {hood}",
                             f"{org['name']}, 2e étage"])
        if lang == "es" and kind != "church":
            return r.choice([f"{org['name']}, Salón {r.randint(1, 4)}", f"Salón parroquial San {r.choice(['José', 'Judas Tadeo', 'Martín de Porres'])}",
                             f"{hood} Community {centre}, Salón {r.choice('ABC')}", f"{org['name']}, segundo piso",
                             f"Centro Comunitario {hood}"])
        if kind == "clinic":
            return r.choice([f"{org['name']}, Group Room {r.randint(1, 4)}", f"{org['name']}, Group Room {r.randint(1, 4)}",
                             f"{org['name']}, Conference Room"])
        if kind == "hospice":
            return r.choice([f"{org['name']}, Family Room", f"Cedar House, {org['name']}", f"{org['name']}, Quiet Room"])
        if kind == "intergroup" and r.random() < 0.3:
            return r.choice([f"{org['name'].replace(' Intergroup', '')} Clubhouse", f"The {hood} Fellowship Room"])
        if country == "US":
            pool = [f"{hood} Community {centre}, Room {r.randint(1, 12)}", f"St. {r.choice(saints)}'s Episcopal Church, Parish Hall",
                    f"{hood} Branch Library, Meeting Room {r.choice('ABC')}", f"{hood} {neighbourhood} House",
                    f"Unitarian Fellowship Hall ({hood})", f"{hood} Senior {centre}", f"Friends Meeting House, {hood}",
                    f"{org['name']}, 2nd floor", f"Hearth Room Café, {hood}", f"{hood} Lutheran Church, Lower Level",
                    f"{hood} Health Clinic, Cedar Room", "Veterans Memorial Hall, Conference Room"]
        elif country == "GB":
            pool = [f"{hood} Community Centre", f"St {r.choice(saints)}'s Church Hall", "Friends Meeting House",
                    f"{hood} Library, Study Room", "The Old Fire Station, Room 2", f"{hood} Methodist Hall",
                    f"Room 3, {org['name']}", f"{hood} Neighbourhood Centre", f"{hood} Wellbeing Hub",
                    f"The Vestry, St {r.choice(saints)}'s"]
        elif country == "AU":
            pool = [f"{hood} Community Hall", f"{hood} Neighbourhood Centre", f"St {r.choice(saints)}'s Uniting Church Hall",
                    f"{hood} Library, Meeting Room 2", f"{org['name']}, Level 1", f"{hood} Community Health Centre",
                    f"{hood} Town Hall, Supper Room"]
        else:
            pool = [f"{hood} Community Centre", f"{hood} Family Resource Centre", f"St {r.choice(saints)}'s Parish Centre",
                    f"{hood} Library, Meeting Room", f"Room 2, {org['name']}", f"{hood} Neighbourhood Centre"]
        return r.choice(pool)

    def place(self, g, key):
        """A venue and its address; the same venue (or organization office) keeps one address."""
        venue = self.venue(g, key)
        org = g["org"]
        if org["kind"] in ("church", "clinic", "hospice") or org["name"] in venue:
            cache_key = ("org", org["name"], key)
        else:
            cache_key = ("venue", venue, key)
        if cache_key in self.place_cache:
            p = dict(self.place_cache[cache_key])
            p["location_name"] = venue
            return p
        p = self.new_place(g, key, venue)
        self.place_cache[cache_key] = p
        return dict(p)

    def new_place(self, g, key, venue):
        r = self.rng
        c = CITIES[key]
        city, region, country, tz, lat0, lon0 = c[:6]
        streets = c[10] or {"US": GENERIC_US_STREETS, "CA": GENERIC_CA_STREETS, "GB": GENERIC_UK_STREETS,
                            "AU": GENERIC_AU_STREETS}.get(country, GENERIC_UK_STREETS)
        hood = HOODS.get(key, {}).get(g.get("hood"))
        if hood:
            lat0, lon0, streets, postcodes = hood
            spread = (0.1, 1.0)
        else:
            postcodes = c[7]
            spread = (0.3, 4.0)
        street = r.choice(streets)
        if country == "US":
            num = r.randint(100, 4999)
        elif country == "CA":
            num = r.randint(10, 1999)
        else:
            num = r.randint(1, 240)
        address = f"{num}, {street}" if key in ("mtl", "qcy") else f"{num} {street}"
        dist = r.uniform(*spread)
        ang = r.uniform(0, 2 * math.pi)
        lat = lat0 + dist * math.cos(ang) / 111.0
        lon = lon0 + dist * math.sin(ang) / (111.0 * math.cos(math.radians(lat0)))
        return {"street": street, "hood": g.get("hood"), "location_name": venue, "address": address, "city": city, "region": region,
                "postal_code": r.choice(postcodes), "country": country,
                "latitude": f"{lat:.5f}", "longitude": f"{lon:.5f}"}

    def online_details(self, g):
        r = self.rng
        if r.random() < 0.55:
            words, path = g["slug"].split("-"), ""
            for w_ in words:
                if len(path) + len(w_) + 1 > 44 and path:
                    break
                path = f"{path}-{w_}" if path else w_
            url = f"https://meet.example.org/{path}"
        else:
            url = f"https://video.example.net/j/{r.randint(100, 999)}{r.randint(100, 999)}{r.randint(1000, 9999)}"
        code = r.choice(["hope", "serenity", "circle", "together", "kindness", "today", "breathe"]) + str(r.randint(10, 99))
        notes = r.choice([
            f"Passcode {code}. The room opens 10 minutes early; cameras optional.",
            f"Passcode: {code}. Please rename yourself with a first name or initial.",
            "No passcode; you'll wait in the lobby until a host lets you in.",
            f"Passcode {code}. Newcomers: say hello in the chat and a greeter will message you.",
            f"Use passcode {code}. Audio-only is fine.",
            "Join link is the same every week; bookmark it.",
        ])
        return url, notes

    def places_and_online(self, g):
        r = self.rng
        fmt = g["format"]
        home = CITIES[g["home_key"]]
        base_place = g["place"]
        url, notes = (None, None)
        if fmt in ("online", "hybrid"):
            url, notes = self.online_details(g)
            if fmt == "hybrid":
                notes = r.choice(["Online members join the room on the big screen; " + notes[0].lower() + notes[1:],
                                  "Hybrid meeting. " + notes])
        dial = ""
        if fmt == "phone" or (fmt == "online" and r.random() < 0.12 and home[8] is not None and home[2] in ("US", "CA", "GB", "AU")):
            dial = self.phone(home[2], home[8])
        phone_notes = r.choice([f"Access code {r.randint(1000, 9999)}#. Press *6 to mute or unmute.",
                                f"Enter access code {r.randint(100000, 999999)}# when prompted.",
                                "No code needed; the host answers the line five minutes early."])
        for i, m in enumerate(g["meetings"]):
            for k in ("location_name", "address", "city", "region", "postal_code", "country", "latitude", "longitude",
                      "online_url", "online_phone", "online_notes"):
                m[k] = ""
            if base_place:
                p = base_place
                if i > 0 and r.random() < 0.12:
                    p = self.place(g, g["city_key"])
                m.update({k: v for k, v in p.items() if k not in ("street", "hood")})
            if url:
                m["online_url"] = url
                m["online_notes"] = notes
            if fmt == "phone":
                m["online_phone"] = dial
                m["online_notes"] = phone_notes
            elif dial:
                m["online_phone"] = dial
                m["online_notes"] = notes + " Dial-in available for audio only."
            m["attendance"] = ""
        # A hybrid group's meetings need not all be hybrid: one may be in the room only, or
        # online only; and a long-running group sometimes has one meeting closed for a while.
        later = g["meetings"][1:]
        if fmt == "hybrid" and later and r.random() < 0.45:
            m = r.choice(later)
            if r.random() < 0.5:
                m["attendance"] = "in-person"
                m.update(online_url="", online_phone="", online_notes="")
            else:
                m["attendance"] = "online"
                m.update({k: "" for k in ("location_name", "address", "city", "region", "postal_code",
                                           "country", "latitude", "longitude")})
        if len(later) >= 2 and not g["paused"] and r.random() < 0.12:
            m = r.choice([m for m in later if not m["attendance"]] or later)
            m["attendance"] = "inactive"
        # contact details
        org = g["org"]
        mode = r.random()
        local = r.choice(["hello", "info", "groups", "meetings", "support", "welcome"])
        if mode < 0.35:
            words, local = slugify(g["name"]).split("-"), ""
            for w_ in words:
                if len(local) + len(w_) + 1 > 26 and local:
                    break
                local = f"{local}-{w_}" if local else w_
        g["contact_email"] = f"{local}@{org['email_domain']}" if r.random() < 0.9 else ""
        phone_country = home[2]
        if g["city_key"]:
            phone_country = CITIES[g["city_key"]][2]
            area = CITIES[g["city_key"]][8]
        else:
            area = home[8]
        g["contact_phone"] = self.phone(phone_country, area) if area is not None and r.random() < 0.45 else ""
        if not g["contact_email"] and not g["contact_phone"]:
            g["contact_email"] = f"hello@{org['email_domain']}"
        w = r.random()
        g["website"] = "" if w < 0.1 else (org["website"] if w < 0.6 else f"{org['website']}/groups/{g['slug']}")

    # -- rows ---------------------------------------------------------------------------------
    def rows(self, groups):
        out = []
        for g in groups:
            group = {
                "group_slug": g["slug"], "group_name": g["name"], "organization": g["org"]["name"],
                "description": g["description"], "topics": ";".join(g["topics"]), "approach": g["approach"],
                "format": g["format"], "cost": g["cost"],
                "fee_amount": str(g["fee"]) if g["cost"] in ("fee", "sliding-scale") else "",
                "fee_currency": g["currency"] if g["cost"] in ("fee", "sliding-scale") else "",
                "languages": ";".join(g["languages"]), "audience": ";".join(g["audience"]),
                "access": ";".join(g["access"]), "welcome": g["welcome"],
                "registration_required": "yes" if g["registration"] else "no",
                "facilitation": g["facilitation"], "contact_email": g["contact_email"],
                "contact_phone": g["contact_phone"], "website": g["website"],
                "last_verified": g["last_verified"].isoformat(),
                "status": "paused" if g["paused"] else "active",
                "accepting_new_members": "yes" if g["accepting"] else "no",
            }
            for m in g["meetings"]:
                row = dict(group)
                row.update({k: m[k] for k in MEETING_COLUMNS})
                out.append(row)
        return out


def render() -> str:
    b = Builder(SEED)
    groups = b.build()
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    for row in b.rows(groups):
        w.writerow(row)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------
# Self-check: parse the CSV back and assert every promise of the sample directory.
# ---------------------------------------------------------------------------------------
PHONE_RES = [
    re.compile(r"^\+1 \d{3}-555-01\d{2}$"),
    re.compile(r"^\+44 1632 960\d{3}$"),
    re.compile(r"^\+61 2 5550 \d{4}$"),
    re.compile(r"^\+61 491 570 (\d{3})$"),
]
POSTCODE_RES = {
    "US": re.compile(r"^\d{5}$"),
    "CA": re.compile(r"^[A-Z]\d[A-Z] \d[A-Z]\d$"),
    "GB": re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$"),
    "AU": re.compile(r"^\d{4}$"),
    "NZ": re.compile(r"^\d{4}$"),
    "IE": re.compile(r"^[A-Z]\d[\dW] [A-Z\d]{4}$"),
}
GB_REGIONS = {"England", "Scotland", "Wales", "Northern Ireland"}
EMAIL_RE = re.compile(r"^[a-z0-9.\-]+@[a-z0-9\-]+(\.[a-z0-9\-]+)*\.example\.(org|com|net)$")
WEBSITE_RE = re.compile(r"^https://[a-z0-9\-]+\.example\.org(/[a-z0-9\-/]*)?$")
ONLINE_URL_RE = re.compile(r"^https://(meet\.example\.org|video\.example\.net)/[A-Za-z0-9\-/]+$")
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
REC_RE = re.compile(r"^(weekly|monthly:(-1|[1-5])(,(-1|[1-5]))*)$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


FORBIDDEN = ["anonymous", "al-anon", "alanon", "alateen", "nar-anon", "coda", "smart recovery", "celebrate recovery",
             "recovery dharma", "refuge recovery", "gam-anon", "adult children of alcoholics", "big book"]


def _taxonomy_cross_check():
    """Compare our vocabularies with directory/taxonomy.py when it is present (plain data)."""
    import importlib.util
    path = HERE.parent / "directory" / "taxonomy.py"
    if not path.exists():
        return "taxonomy.py not found; skipped"
    spec = importlib.util.spec_from_file_location("_circles_taxonomy", path)
    tax = importlib.util.module_from_spec(spec)
    sys.modules["_circles_taxonomy"] = tax
    spec.loader.exec_module(tax)
    assert sorted(tax.CHILD_TOPICS) == sorted(CHILD_TOPICS), "child topics differ from taxonomy.py"
    assert sorted(tax.PARENT_TOPICS) == sorted(PARENT_TOPICS), "parent topics differ"
    for name, ours in (("FORMATS", FORMATS), ("COSTS", COSTS), ("APPROACHES", APPROACHES),
                       ("AUDIENCES", AUDIENCES), ("ACCESS", ACCESS), ("WELCOME", WELCOME),
                       ("FACILITATION", FACILITATION)):
        assert sorted(getattr(tax, name)) == sorted(ours), f"{name} differs from taxonomy.py"
    return "matches directory/taxonomy.py"


def self_check(text: str) -> dict:
    import zoneinfo
    zones = zoneinfo.available_timezones()
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == COLUMNS, "header must be exactly the listing columns, in order"
    rows = list(reader)
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        assert None not in row and all(v is not None for v in row.values()), f"ragged row {row}"
        groups[row["group_slug"]].append(row)
    tax_note = _taxonomy_cross_check()
    city_centres = {(c[0], c[2]): (c[4], c[5], c[1], c[3]) for c in CITIES.values()}

    used = defaultdict(Counter)
    descs = Counter()
    cities = Counter()
    city_groups = defaultdict(set)
    tzs = Counter()
    times_ok = late_online = 0
    monthly = Counter()
    stale = paused = remote = 0
    orgs = Counter()
    for slug, mrows in groups.items():
        g = mrows[0]
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
        for r in mrows:
            for col in GROUP_COLUMNS:
                assert r[col] == g[col], f"{slug}: group-level column {col} differs between rows"
        for col in ("group_name", "topics", "format", "cost", "organization", "description"):
            assert g[col], f"{slug}: {col} empty"
        orgs[g["organization"]] += 1
        topics = g["topics"].split(";")
        assert all(t in CHILD_TOPICS or t in PARENT_TOPICS for t in topics), (slug, topics)
        used["topic"].update(topics)
        for col, vocab in (("format", FORMATS), ("cost", COSTS), ("approach", APPROACHES),
                           ("welcome", WELCOME), ("facilitation", FACILITATION)):
            assert g[col] in vocab, (slug, col, g[col])
            used[col][g[col]] += 1
        for col, vocab in (("audience", AUDIENCES), ("access", ACCESS)):
            vals = [v for v in g[col].split(";") if v]
            assert all(v in vocab for v in vals), (slug, col, vals)
            used[col].update(vals)
        langs = g["languages"].split(";")
        assert langs and all(re.fullmatch(r"[a-z]{2}", l) for l in langs), (slug, langs)
        used["languages"].update(langs)
        for col in ("registration_required", "accepting_new_members"):
            assert g[col] in ("yes", "no"), (slug, col)
            used[col][g[col]] += 1
        assert g["status"] in ("active", "paused"), slug
        used["status"][g["status"]] += 1
        paused += g["status"] == "paused"
        # cost and fee
        if g["cost"] in ("fee", "sliding-scale"):
            assert re.fullmatch(r"\d+(\.\d\d)?", g["fee_amount"]) and g["fee_currency"] in ("USD", "CAD", "GBP", "AUD"), slug
        else:
            assert not g["fee_amount"] and not g["fee_currency"], slug
        # description
        d = g["description"]
        assert 0 < len(d) <= 600 and "<" not in d and ">" not in d, slug
        n_sent = len(re.findall(r"[.!?](\s|$)", d))
        assert 1 <= n_sent <= 6, (slug, n_sent, d)
        descs[d] += 1
        for col in ("group_name", "organization", "description"):
            low = g[col].lower()
            bad = [f for f in FORBIDDEN if re.search(r"\b" + re.escape(f) + r"\b", low)]
            assert not bad, f"{slug}: {col} names a real fellowship or programme: {bad}"
        assert not re.search(r"@|https?://|\+\d|\d{3}[- ]\d{4}", d), f"{slug}: contact details inside the description"
        # contact
        assert g["contact_email"] or g["contact_phone"], slug
        if g["contact_email"]:
            assert EMAIL_RE.match(g["contact_email"]), g["contact_email"]
        if g["contact_phone"]:
            assert any(p.match(g["contact_phone"]) for p in PHONE_RES), g["contact_phone"]
        if g["website"]:
            assert WEBSITE_RE.match(g["website"]), g["website"]
        # dates
        lv = dt.date.fromisoformat(g["last_verified"])
        assert lv <= REF_DATE, slug
        stale += (REF_DATE - lv).days > 200
        remote += g["format"] in ("online", "phone")
        country_of_group = set()
        for r in mrows:
            att = r["attendance"]
            assert att in ("", *ATTENDANCES), (slug, att)
            assert att in ("", "inactive") or g["format"] == "hybrid", f"{slug}: {att} meeting in a {g['format']} group"
            used["attendance"][att or "as the group"] += 1
            fmt = att if att in ("in-person", "online") else g["format"]
            assert r["weekday"] in WEEKDAYS, slug
            assert TIME_RE.match(r["start_time"]) and TIME_RE.match(r["end_time"]), slug
            s, e = to_min(r["start_time"]), to_min(r["end_time"])
            assert s < e, (slug, r["start_time"], r["end_time"])
            assert r["timezone"] and not re.search(r"^(UTC|GMT)?[+-]\d", r["timezone"]), slug
            assert r["timezone"] in zones or not zones, r["timezone"]
            tzs[r["timezone"]] += 1
            if 7 * 60 <= s <= 21 * 60 + 30:
                times_ok += 1
            elif s > 21 * 60 + 30:
                assert fmt in ("online", "phone"), f"{slug}: late-night meeting should be online"
                late_online += 1
            assert REC_RE.match(r["recurrence"]), r["recurrence"]
            if r["recurrence"] != "weekly":
                monthly[r["recurrence"]] += 1
            for col in ("starts_on", "ends_on"):
                if r[col]:
                    assert DATE_RE.match(r[col]), slug
                    day = dt.date.fromisoformat(r[col])
                    assert WEEKDAYS[day.weekday()] == r["weekday"], f"{slug}: {col} not on {r['weekday']}"
            if r["starts_on"] and r["ends_on"]:
                assert r["starts_on"] <= r["ends_on"], slug
            place_cols = ("location_name", "address", "city", "region", "postal_code", "country", "latitude", "longitude")
            if fmt in ("in-person", "hybrid"):
                assert all(r[c] for c in place_cols), f"{slug}: {fmt} meeting needs a full place"
                key = (r["city"], r["country"])
                assert key in city_centres, key
                lat0, lon0, region, tz = city_centres[key]
                assert r["region"] == region and r["timezone"] == tz, slug
                if r["country"] == "GB":
                    assert r["region"] in GB_REGIONS
                assert POSTCODE_RES[r["country"]].match(r["postal_code"]), r["postal_code"]
                lat, lon = float(r["latitude"]), float(r["longitude"])
                km = math.hypot((lat - lat0) * 111.0, (lon - lon0) * 111.0 * math.cos(math.radians(lat0)))
                limit = 10 if r["city"] in {CITIES[k][0] for k in HOODS} else 6
                assert km < limit, f"{slug}: {km:.1f} km from {r['city']} centre"
                cities[key] += 1
                city_groups[key].add(slug)
                country_of_group.add(r["country"])
                if fmt == "hybrid":
                    assert ONLINE_URL_RE.match(r["online_url"]), slug
                else:
                    assert not r["online_url"] and not r["online_phone"], slug
            else:
                assert not any(r[c] for c in place_cols), f"{slug}: {fmt} meeting must not carry a place"
                if fmt == "online":
                    assert ONLINE_URL_RE.match(r["online_url"]) and r["online_notes"], slug
                else:
                    assert r["online_phone"] and not r["online_url"] and r["online_notes"], slug
            if r["online_phone"]:
                assert any(p.match(r["online_phone"]) for p in PHONE_RES), r["online_phone"]
        for r in mrows:
            m = PHONE_RES[3].match(r["online_phone"]) or PHONE_RES[3].match(g["contact_phone"])
            if m:
                assert 6 <= int(m.group(1)) <= 159
        if g["fee_currency"] and country_of_group:
            assert g["fee_currency"] == CURRENCY[country_of_group.pop()], slug
        if g["accepting_new_members"] == "no":
            assert any(r["starts_on"] or r["ends_on"] for r in mrows), f"{slug}: closed cohort needs a date"

    n = len(groups)
    sizes = Counter(len(v) for v in groups.values())
    problems = []

    def need(cond, msg):
        if not cond:
            problems.append(msg)

    need(n >= 420, f"groups {n} < 420")
    need(sizes[1] > n / 2 and sizes[2] + sizes[3] >= 80 and sum(v for k, v in sizes.items() if k >= 5) >= 5,
         f"meeting-count mix {dict(sizes)}")
    need(len(cities) >= 45, f"only {len(cities)} cities")
    countries = {c for _, c in cities}
    need({"US", "CA", "GB", "AU"} <= countries, f"countries {countries}")
    need(len(tzs) >= 7, f"only {len(tzs)} time zones")
    need(len(city_groups[("Portland", "US")]) >= 15, "Portland needs 15+ groups")
    for key in FEATURED:
        c = CITIES[key]
        need(len(city_groups[(c[0], c[2])]) >= 3, f"{c[0]} needs several groups")
    need(remote >= n / 4, f"online/phone-only {remote} < a quarter")
    for name, vocab in (("topic", CHILD_TOPICS), ("format", FORMATS), ("cost", COSTS), ("approach", APPROACHES),
                        ("audience", AUDIENCES), ("access", ACCESS), ("welcome", WELCOME),
                        ("facilitation", FACILITATION), ("registration_required", ["yes", "no"]),
                        ("accepting_new_members", ["yes", "no"]), ("status", ["active", "paused"])):
        missing = [v for v in vocab if not used[name][v]]
        need(not missing, f"{name} values never used: {missing}")
    need(min(used["attendance"][a] for a in ("in-person", "online", "inactive")) >= 3
         and used["attendance"]["as the group"] > 0.9 * len(rows), f"attendance {dict(used['attendance'])}")
    for t in CHILD_TOPICS:
        need(used["topic"][t] >= 12, f"topic {t}: only {used['topic'][t]} groups")
    first_lang = Counter(v[0]["languages"].split(";")[0] for v in groups.values())
    need(first_lang["es"] >= 50 and first_lang["fr"] >= 35, f"Spanish-/French-language groups {first_lang}")
    need(len(used["languages"]) >= 6 and {"en", "es", "fr"} <= set(used["languages"]), f"languages {used['languages']}")
    need(sum(monthly.values()) >= 15 and monthly["monthly:-1"] and monthly["monthly:1,3"], f"monthly {monthly}")
    need(0.05 <= stale / n <= 0.12, f"stale share {stale / n:.1%}")
    need(0.02 <= paused / n <= 0.07, f"paused share {paused / n:.1%}")
    need(times_ok / len(rows) >= 0.9 and late_online >= 2, f"times: {times_ok}/{len(rows)} daytime, {late_online} late")
    dupes = [d for d, k in descs.items() if k > 1]
    need(not dupes, f"{len(dupes)} duplicate descriptions")
    need(60 <= len(orgs) <= 90 and min(orgs.values()) >= 2, f"organizations {len(orgs)}, min groups {min(orgs.values())}")
    courses = sum(1 for v in groups.values() if any(r["starts_on"] and r["ends_on"] for r in v))
    cohorts = sum(1 for v in groups.values() if v[0]["accepting_new_members"] == "no" and any(r["starts_on"] and not r["ends_on"] for r in v))
    need(courses >= 4 and cohorts >= 3, f"courses {courses}, cohorts {cohorts}")
    need(len(text.encode("utf-8")) < 1_500_000, "CSV larger than 1.5 MB")
    if problems:
        raise AssertionError("self-check failed:\n  " + "\n  ".join(problems))
    return {
        "groups": n, "rows": len(rows), "organizations": len(orgs),
        "meetings per group": dict(sorted(sizes.items())),
        "cities": len(cities), "countries": sorted(countries),
        "time zones": len(tzs), "time zone list": sorted(tzs),
        "Portland groups": len(city_groups[("Portland", "US")]),
        "featured city groups": {CITIES[k][0]: len(city_groups[(CITIES[k][0], CITIES[k][2])]) for k in FEATURED},
        "online/phone-only groups": remote, "format": dict(used["format"]), "cost": dict(used["cost"]),
        "approach": dict(used["approach"]), "topic": dict(sorted(used["topic"].items())),
        "audience": dict(used["audience"]), "access": dict(used["access"]),
        "languages": dict(used["languages"].most_common()),
        "first language es / fr": (first_lang["es"], first_lang["fr"]),
        "meeting attendance": dict(used["attendance"]), "welcome": dict(used["welcome"]),
        "facilitation": dict(used["facilitation"]),
        "registration_required": dict(used["registration_required"]),
        "accepting_new_members": dict(used["accepting_new_members"]), "status": dict(used["status"]),
        "monthly meetings": dict(monthly), "courses": courses, "closed cohorts": cohorts,
        "stale (>200 days before 2026-11-01)": stale, "bytes": len(text.encode("utf-8")),
        "taxonomy": tax_note,
    }


def main() -> int:
    text = render()
    again = render()
    assert text == again, "generator is not deterministic"
    OUT.write_text(text, encoding="utf-8", newline="")
    summary = self_check(OUT.read_text(encoding="utf-8"))
    print(f"wrote {OUT.name}")
    for k, v in summary.items():
        print(f"  {k}: {v}")
    print("self-check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
