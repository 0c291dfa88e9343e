## The pathway finder and the facts it works with

finder-error-no-checklist = This pathway has no document checklist yet, so no application can be started for it.
finder-consent-scope-portal-apply-consent-v1 = Starting an application in the portal (consent text, version 1)
finder-facts-needed = Still needed for the assessment
finder-facts-needed-none = The assessment needs no more answers.
finder-facts-other = Other questions
finder-facts-section-count = { $count ->
    [one] 1 question
   *[other] { $count } questions
}
finder-children-count-help = Next, you give each child's date of birth, one child per page.

## Names of languages and countries, shown in place of their codes.
finder-country-AFG = Afghanistan
finder-country-ARE = United Arab Emirates
finder-country-AUS = Australia
finder-country-CAN = Canada
finder-country-COL = Colombia
finder-country-D = Germany
finder-country-DEU = Germany
finder-country-DZA = Algeria
finder-country-ECU = Ecuador
finder-country-EGY = Egypt
finder-country-ERI = Eritrea
finder-country-IRN = Iran
finder-country-IRQ = Iraq
finder-country-ISR = Israel
finder-country-JPN = Japan
finder-country-LBY = Libya
finder-country-MAR = Morocco
finder-country-PAK = Pakistan
finder-country-SDN = Sudan
finder-country-SOM = Somalia
finder-country-SYR = Syria
finder-country-TUN = Tunisia
finder-country-TUR = Türkiye
finder-country-UKR = Ukraine
finder-country-UZB = Uzbekistan
finder-country-VEN = Venezuela
finder-country-YEM = Yemen
