/**
 * ISO 3166-1 countries: numeric, alpha-2 and alpha-3 codes, the English short name, then other names
 * people write (and the abbreviated names world-atlas gives its shapes, e.g. "Dem. Rep. Congo").
 * Kosovo has no ISO code; XK/XKX are the codes in common use, and world-atlas draws it by name only.
 */
const TABLE = `
004 AF AFG Afghanistan
248 AX ALA Åland Islands;Aland
008 AL ALB Albania
012 DZ DZA Algeria
016 AS ASM American Samoa
020 AD AND Andorra
024 AO AGO Angola
660 AI AIA Anguilla
010 AQ ATA Antarctica
028 AG ATG Antigua and Barbuda
032 AR ARG Argentina
051 AM ARM Armenia
533 AW ABW Aruba
036 AU AUS Australia
040 AT AUT Austria
031 AZ AZE Azerbaijan
044 BS BHS Bahamas;The Bahamas
048 BH BHR Bahrain
050 BD BGD Bangladesh
052 BB BRB Barbados
112 BY BLR Belarus
056 BE BEL Belgium
084 BZ BLZ Belize
204 BJ BEN Benin
060 BM BMU Bermuda
064 BT BTN Bhutan
068 BO BOL Bolivia
535 BQ BES Bonaire, Sint Eustatius and Saba;Caribbean Netherlands
070 BA BIH Bosnia and Herzegovina;Bosnia and Herz.;Bosnia
072 BW BWA Botswana
074 BV BVT Bouvet Island
076 BR BRA Brazil
086 IO IOT British Indian Ocean Territory
096 BN BRN Brunei;Brunei Darussalam
100 BG BGR Bulgaria
854 BF BFA Burkina Faso
108 BI BDI Burundi
132 CV CPV Cabo Verde;Cape Verde
116 KH KHM Cambodia
120 CM CMR Cameroon
124 CA CAN Canada
136 KY CYM Cayman Islands
140 CF CAF Central African Republic;Central African Rep.
148 TD TCD Chad
152 CL CHL Chile
156 CN CHN China;People's Republic of China;PRC
162 CX CXR Christmas Island
166 CC CCK Cocos (Keeling) Islands;Cocos Islands
170 CO COL Colombia
174 KM COM Comoros
178 CG COG Congo;Republic of the Congo;Congo-Brazzaville
180 CD COD Democratic Republic of the Congo;Dem. Rep. Congo;DR Congo;DRC;Congo-Kinshasa
184 CK COK Cook Islands
188 CR CRI Costa Rica
384 CI CIV Côte d'Ivoire;Cote d'Ivoire;Ivory Coast
191 HR HRV Croatia
192 CU CUB Cuba
531 CW CUW Curaçao;Curacao
196 CY CYP Cyprus
203 CZ CZE Czechia;Czech Republic
208 DK DNK Denmark
262 DJ DJI Djibouti
212 DM DMA Dominica
214 DO DOM Dominican Republic;Dominican Rep.
218 EC ECU Ecuador
818 EG EGY Egypt
222 SV SLV El Salvador
226 GQ GNQ Equatorial Guinea;Eq. Guinea
232 ER ERI Eritrea
233 EE EST Estonia
748 SZ SWZ Eswatini;eSwatini;Swaziland
231 ET ETH Ethiopia
238 FK FLK Falkland Islands;Falkland Is.;Malvinas
234 FO FRO Faroe Islands;Faroes
242 FJ FJI Fiji
246 FI FIN Finland
250 FR FRA France
254 GF GUF French Guiana
258 PF PYF French Polynesia
260 TF ATF French Southern Territories;Fr. S. Antarctic Lands;French Southern and Antarctic Lands
266 GA GAB Gabon
270 GM GMB Gambia;The Gambia
268 GE GEO Georgia
276 DE DEU Germany
288 GH GHA Ghana
292 GI GIB Gibraltar
300 GR GRC Greece
304 GL GRL Greenland
308 GD GRD Grenada
312 GP GLP Guadeloupe
316 GU GUM Guam
320 GT GTM Guatemala
831 GG GGY Guernsey
324 GN GIN Guinea
624 GW GNB Guinea-Bissau
328 GY GUY Guyana
332 HT HTI Haiti
334 HM HMD Heard Island and McDonald Islands
336 VA VAT Holy See;Vatican;Vatican City
340 HN HND Honduras
344 HK HKG Hong Kong
348 HU HUN Hungary
352 IS ISL Iceland
356 IN IND India
360 ID IDN Indonesia
364 IR IRN Iran
368 IQ IRQ Iraq
372 IE IRL Ireland;Republic of Ireland
833 IM IMN Isle of Man
376 IL ISR Israel
380 IT ITA Italy
388 JM JAM Jamaica
392 JP JPN Japan
832 JE JEY Jersey
400 JO JOR Jordan
398 KZ KAZ Kazakhstan
404 KE KEN Kenya
296 KI KIR Kiribati
408 KP PRK North Korea;Korea, Democratic People's Republic of;DPRK
410 KR KOR South Korea;Korea;Republic of Korea;Korea, Republic of
414 KW KWT Kuwait
417 KG KGZ Kyrgyzstan
418 LA LAO Laos;Lao People's Democratic Republic
428 LV LVA Latvia
422 LB LBN Lebanon
426 LS LSO Lesotho
430 LR LBR Liberia
434 LY LBY Libya
438 LI LIE Liechtenstein
440 LT LTU Lithuania
442 LU LUX Luxembourg
446 MO MAC Macao;Macau
450 MG MDG Madagascar
454 MW MWI Malawi
458 MY MYS Malaysia
462 MV MDV Maldives
466 ML MLI Mali
470 MT MLT Malta
584 MH MHL Marshall Islands
474 MQ MTQ Martinique
478 MR MRT Mauritania
480 MU MUS Mauritius
175 YT MYT Mayotte
484 MX MEX Mexico
583 FM FSM Micronesia
498 MD MDA Moldova
492 MC MCO Monaco
496 MN MNG Mongolia
499 ME MNE Montenegro
500 MS MSR Montserrat
504 MA MAR Morocco
508 MZ MOZ Mozambique
104 MM MMR Myanmar;Burma
516 NA NAM Namibia
520 NR NRU Nauru
524 NP NPL Nepal
528 NL NLD Netherlands;The Netherlands;Holland
540 NC NCL New Caledonia
554 NZ NZL New Zealand
558 NI NIC Nicaragua
562 NE NER Niger
566 NG NGA Nigeria
570 NU NIU Niue
574 NF NFK Norfolk Island
807 MK MKD North Macedonia;Macedonia
580 MP MNP Northern Mariana Islands
578 NO NOR Norway
512 OM OMN Oman
586 PK PAK Pakistan
585 PW PLW Palau
275 PS PSE Palestine
591 PA PAN Panama
598 PG PNG Papua New Guinea
600 PY PRY Paraguay
604 PE PER Peru
608 PH PHL Philippines
612 PN PCN Pitcairn
616 PL POL Poland
620 PT PRT Portugal
630 PR PRI Puerto Rico
634 QA QAT Qatar
638 RE REU Réunion;Reunion
642 RO ROU Romania
643 RU RUS Russia;Russian Federation
646 RW RWA Rwanda
652 BL BLM Saint Barthélemy;Saint Barthelemy
654 SH SHN Saint Helena
659 KN KNA Saint Kitts and Nevis
662 LC LCA Saint Lucia
663 MF MAF Saint Martin
666 PM SPM Saint Pierre and Miquelon
670 VC VCT Saint Vincent and the Grenadines
882 WS WSM Samoa
674 SM SMR San Marino
678 ST STP São Tomé and Príncipe;Sao Tome and Principe
682 SA SAU Saudi Arabia
686 SN SEN Senegal
688 RS SRB Serbia
690 SC SYC Seychelles
694 SL SLE Sierra Leone
702 SG SGP Singapore
534 SX SXM Sint Maarten
703 SK SVK Slovakia
705 SI SVN Slovenia
090 SB SLB Solomon Islands;Solomon Is.
706 SO SOM Somalia
710 ZA ZAF South Africa
239 GS SGS South Georgia and the South Sandwich Islands
728 SS SSD South Sudan;S. Sudan
724 ES ESP Spain
144 LK LKA Sri Lanka
729 SD SDN Sudan
740 SR SUR Suriname
744 SJ SJM Svalbard and Jan Mayen
752 SE SWE Sweden
756 CH CHE Switzerland
760 SY SYR Syria
158 TW TWN Taiwan
762 TJ TJK Tajikistan
834 TZ TZA Tanzania
764 TH THA Thailand
626 TL TLS Timor-Leste;East Timor
768 TG TGO Togo
772 TK TKL Tokelau
776 TO TON Tonga
780 TT TTO Trinidad and Tobago
788 TN TUN Tunisia
792 TR TUR Türkiye;Turkey;Turkiye
795 TM TKM Turkmenistan
796 TC TCA Turks and Caicos Islands
798 TV TUV Tuvalu
800 UG UGA Uganda
804 UA UKR Ukraine
784 AE ARE United Arab Emirates;UAE
826 GB GBR United Kingdom;UK;Great Britain;Britain
840 US USA United States;United States of America;USA;America
581 UM UMI United States Minor Outlying Islands
858 UY URY Uruguay
860 UZ UZB Uzbekistan
548 VU VUT Vanuatu
862 VE VEN Venezuela
704 VN VNM Vietnam;Viet Nam
092 VG VGB British Virgin Islands
850 VI VIR United States Virgin Islands;US Virgin Islands
876 WF WLF Wallis and Futuna
732 EH ESH Western Sahara;W. Sahara
887 YE YEM Yemen
894 ZM ZMB Zambia
716 ZW ZWE Zimbabwe
--- XK XKX Kosovo
`;

export interface Country {
  /** ISO 3166-1 numeric, three digits ("250"); "" for Kosovo. */
  readonly numeric: string;
  readonly alpha2: string;
  readonly alpha3: string;
  readonly name: string;
  /** The name first, then the other names people write. */
  readonly names: readonly string[];
}

export const COUNTRIES: readonly Country[] = TABLE.trim()
  .split("\n")
  .map((line) => {
    const [numeric, alpha2, alpha3, ...rest] = line.split(" ");
    const names = rest.join(" ").split(";");
    return { numeric: numeric === "---" ? "" : numeric, alpha2, alpha3, name: names[0], names };
  });
