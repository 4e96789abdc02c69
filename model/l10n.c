/* l10n.c - the English and German tables behind l10n.h. The German is written for an
 * agency account manager: plain words, the terms the shared error sheet uses. */
#include "model/l10n.h"

#include <stdarg.h>
#include <string.h>

static const char *const texts[][2] = {
	[L_SHEET_SUMMARY] = { "Summary", "Übersicht" },
	[L_SHEET_CHANGES] = { "Changes", "Veränderungen" },
	[L_CHANGES] = { "Changes since the previous report", "Veränderungen seit dem vorigen Bericht" },
	[L_SECTION] = { "Section", "Bereich" },
	[L_ITEM] = { "Item", "Eintrag" },
	[L_PREVIOUS] = { "Previous", "Vorher" },
	[L_CURRENT] = { "Current", "Jetzt" },
	[L_CHANGE] = { "Change", "Veränderung" },
	[L_PREVIOUS_VERDICT] = { "Previous verdict", "Vorherige Bewertung" },
	[L_SHEET_ACTIONS] = { "Actions", "Maßnahmen" },
	[L_SHEET_CATEGORIES] = { "Categories", "Kategorien" },
	[L_SHEET_ERRORS] = { "Errors", "Fehler" },
	[L_SHEET_DOMAINS] = { "Domains", "Absenderdomains" },
	[L_SHEET_RECIPIENTS] = { "Recipient domains", "Empfängerdomains" },
	[L_SHEET_DAILY] = { "Daily", "Tagesverlauf" },
	[L_SHEET_UNMATCHED] = { "Unmatched", "Nicht zugeordnet" },
	[L_SHEET_CLIENTS] = { "Clients", "Kunden" },
	[L_COUNT] = { "Count", "Anzahl" },
	[L_SHARE] = { "Share", "Anteil" },
	[L_PERMANENT] = { "Permanent", "Dauerhaft" },
	[L_TEMPORARY] = { "Temporary", "Vorübergehend" },
	[L_CATEGORY] = { "Category", "Kategorie" },
	[L_RECOMMENDED_ACTION] = { "Recommended action", "Empfohlene Maßnahme" },
	[L_PROVIDER] = { "Provider", "Anbieter" },
	[L_CODE] = { "Code", "Code" },
	[L_ENHANCED_CODE] = { "Enhanced code", "Erweiterter Code" },
	[L_MESSAGE] = { "Message", "Fehlermeldung" },
	[L_MEANING] = { "Meaning", "Bedeutung" },
	[L_SOLUTION] = { "Solution", "Lösung" },
	[L_ACTION] = { "Action", "Maßnahme" },
	[L_TOP_RECIPIENTS] = { "Top recipient domains", "Häufigste Empfängerdomains" },
	[L_SENDING_DOMAIN] = { "Sending domain", "Absenderdomain" },
	[L_CLIENT] = { "Client", "Kunde" },
	[L_SENT] = { "Sent", "Gesendet" },
	[L_DELIVERED] = { "Delivered", "Zugestellt" },
	[L_FAILURES] = { "Failures", "Fehlschläge" },
	[L_COMPLAINTS] = { "Complaints", "Beschwerden" },
	[L_RECIPIENT_DOMAIN] = { "Recipient domain", "Empfängerdomain" },
	[L_MAILBOX_PROVIDER] = { "Mailbox provider", "Postfachanbieter" },
	[L_DATE] = { "Date", "Datum" },
	[L_CODES] = { "Codes", "Codes" },
	[L_EXAMPLE] = { "Example", "Beispiel" },
	[L_CSV_ROW] = { "Row for the shared sheet", "Zeile für die gemeinsame Tabelle" },
	[L_DOMAINS] = { "Domains", "Domains" },
	[L_VERDICT] = { "Verdict", "Bewertung" },
	[L_RANK] = { "#", "Nr." },
	[L_DOMAINS_CONCERNED] = { "Domains concerned", "Betroffene Domains" },
	[L_ADDRESSES] = { "Addresses to remove", "Zu entfernende Adressen" },
	[L_SOURCE] = { "Source", "Quelle" },
	[L_KIND] = { "Kind", "Art" },
	[L_FORMAT] = { "Format", "Format" },
	[L_RECORDS] = { "Records", "Datensätze" },
	[L_SKIPPED] = { "Skipped", "Übersprungen" },
	[L_DUPLICATES] = { "Duplicates", "Duplikate" },
	[L_RATE_HARD_BOUNCE] = { "Hard bounce rate", "Hard-Bounce-Rate" },
	[L_RATE_COMPLAINT] = { "Complaint rate", "Beschwerderate" },
	[L_RATE_THROTTLE] = { "Throttle rate", "Drosselungsrate" },
	[L_REASONS] = { "Reasons", "Gründe" },
	[L_DOMAIN] = { "Domain", "Domain" },
	[L_TITLE] = { "Deliverability report", "Zustellbarkeitsbericht" },
	[L_GENERATED] = { "Generated", "Erstellt" },
	[L_PERIOD] = { "Period", "Zeitraum" },
	[L_PERIOD_WINDOW] = { "chosen period", "gewählter Zeitraum" },
	[L_PERIOD_DATA] = { "first to last event", "erstes bis letztes Ereignis" },
	[L_PERIOD_NONE] = { "no events", "keine Ereignisse" },
	[L_FIRST_EVENT] = { "First event", "Erstes Ereignis" },
	[L_LAST_EVENT] = { "Last event", "Letztes Ereignis" },
	[L_INPUTS] = { "Inputs", "Eingaben" },
	[L_TOTAL] = { "Total", "Gesamt" },
	[L_OUTSIDE_WINDOW] = { "Outside the period", "Außerhalb des Zeitraums" },
	[L_SKIPPED_BECAUSE] = { "Skipped because", "Übersprungen wegen" },
	[L_TOTALS] = { "Totals", "Summen" },
	[L_EVENTS] = { "Events", "Ereignisse" },
	[L_EVENTS_BY_KIND] = { "Events by kind", "Ereignisse nach Art" },
	[L_FAILURES_PERMANENT] = { "Permanent failures", "Dauerhafte Fehlschläge" },
	[L_FAILURES_TEMPORARY] = { "Temporary failures", "Vorübergehende Fehlschläge" },
	[L_MATCHED] = { "Found in the catalogue", "Im Katalog gefunden" },
	[L_UNMATCHED] = { "Not in the catalogue", "Nicht im Katalog" },
	[L_HEALTH] = { "Health by sending domain", "Zustand je Absenderdomain" },
	[L_TOP_ACTIONS] = { "Top actions", "Wichtigste Maßnahmen" },
	[L_TOP_ERRORS] = { "Top errors", "Häufigste Fehler" },
	[L_NOT_IN_CATALOGUE] = { "(not in the catalogue)", "(nicht im Katalog)" },
	[L_NOT_AVAILABLE] = { "n/a", "k. A." },
	[L_NONE] = { "none", "keine" },
	[L_TO] = { "to", "bis" },
	[L_CHART_CATEGORIES] = { "Failures by category", "Fehlschläge nach Kategorie" },
	[L_CHART_DAILY] = { "Failures per day by category", "Fehlschläge pro Tag nach Kategorie" },
	[L_SOURCES] = { "sources", "Quellen" },
	[L_MORE] = { "more", "weitere" },
	[L_VERDICT_OK] = { "OK", "OK" },
	[L_VERDICT_WARNING] = { "WARNING", "WARNUNG" },
	[L_VERDICT_CRITICAL] = { "CRITICAL", "KRITISCH" },
	[L_VERDICT_INSUFFICIENT] = { "INSUFFICIENT DATA", "ZU WENIG DATEN" },
	[L_SOURCE_FILE] = { "file", "Datei" },
	[L_SOURCE_API] = { "API", "API" },
	[L_SOURCE_STATS] = { "statistics", "Statistik" },
	[L_SOURCE_STDIN] = { "standard input", "Standardeingabe" },
	[L_DIGIT_GROUP] = { ",", "." },
	[L_DECIMAL_POINT] = { ".", "," },
	[L_PERCENT_SUFFIX] = { "%", " %" },
	[L_XLSX_DATE] = { "yyyy-mm-dd", "dd.mm.yyyy" },
	[L_XLSX_DAY] = { "mmm d", "dd.mm." },
	[L_EXPLAIN_MESSAGE] = { "Message", "Meldung" },
	[L_GLOSSARY] = { "Glossary", "Glossar" },
	[L_MATCHED_BY] = { "Matched by", "Treffer" },
	[L_LAYER] = { "Layer", "Ebene" },
	[L_EVIDENCE] = { "Evidence", "Indizien" },
	[L_LAYER_BUILTIN] = { "built-in catalogue", "eingebauter Katalog" },
	[L_LAYER_SHEET] = { "the agency's sheet (synced)", "Tabelle der Agentur (synchronisiert)" },
	[L_LAYER_FILE] = { "catalogue file", "Katalogdatei" },
	[L_SHEET_CSV_HEADER] = { "Code,Fehlermeldung,Bedeutung,Lösung,Glossar",
				 "Code,Fehlermeldung,Bedeutung,Lösung,Glossar" },
	[L_LIST_AND] = { " and ", " und " },
	[L_LIST_MORE] = { " and {1} more", " und {1} weitere" },
	[L_ACT_VERIFY_DNS] = { "Verify DNS for {1}", "DNS prüfen für {1}" },
	[L_ACT_UPGRADE_PLAN] = { "Upgrade the plan or authorize the recipients for {1}",
				 "Tarif upgraden oder Empfänger autorisieren für {1}" },
	/* {1} the provider (or L_ACT_THE_PROVIDER), {2} the domains */
	[L_ACT_CONTACT_SUPPORT] = { "Contact {1} support about {2}", "{1}-Support kontaktieren für {2}" },
	[L_ACT_THE_PROVIDER] = { "the provider's", "Anbieter" },
	[L_ACT_CLEAR_TOO_OLD] = { "Clear 'Too old' errors in Agency settings → Email Services and contact "
				  "Mailgun support if they recur",
				  "'Too old'-Fehler in den Agency-Einstellungen → Email Services löschen "
				  "und den Mailgun-Support kontaktieren, wenn sie wiederkehren" },
	[L_ACT_CLEAR_ERRORS] = { "Clear the errors in Agency settings → Email Services for {1}",
				 "Fehler in den Agency-Einstellungen → Email Services löschen für {1}" },
	[L_ACT_REDUCE_TO] = { "Reduce volume to {1}", "Volumen reduzieren an {1}" },
	[L_ACT_REDUCE_FROM] = { "Reduce the sending volume of {1}", "Sendevolumen reduzieren von {1}" },
	/* {1} L_ACT_ABOUT when the count is an estimate, else empty; {2} the count */
	[L_ACT_REMOVE_INVALID] = { "Remove {1}{2} invalid addresses (list them with --export-addresses)",
				   "{1}{2} ungültige Adressen entfernen (Liste mit --export-addresses)" },
	[L_ACT_ABOUT] = { "about ", "etwa " },
	[L_ACT_REMOVE_SUPPRESSED] = { "Remove suppressed addresses from the lists",
				      "Gesperrte Adressen aus den Listen entfernen" },
	[L_ACT_FIX_REQUEST] = { "Fix the send requests of {1}", "Sendeanfragen korrigieren für {1}" },
	[L_ACT_FIX_CREDENTIALS] = { "Fix the SMTP or API credentials for {1}",
				    "Zugangsdaten (SMTP/API) korrigieren für {1}" },
	[L_ACT_CHECK_NETWORK] = { "Check the connection settings for {1}",
				  "Verbindungseinstellungen prüfen für {1}" },
	[L_ACT_RETRY_LATER] = { "Temporary problems at {1}: nothing to do unless they persist",
				"Vorübergehende Probleme bei {1}: nichts zu tun, solange sie nicht anhalten" },
	[L_ACT_REVIEW_CONTENT] = { "Review content, list quality and reputation for {1}",
				   "Inhalte, Listenqualität und Reputation prüfen für {1}" },
	[L_ACT_UNKNOWN] = { "Look into failures without a known cause (see Unmatched)",
			    "Fehler ohne bekannte Ursache untersuchen (siehe Unmatched)" },
	[L_FAILURE_ONE] = { "{1} failure", "{1} Fehler" },
	[L_FAILURES_N] = { "{1} failures", "{1} Fehler" },
	[L_ACT_REMOVE_INVALID_CLIENT] = { "Remove {1}{2} invalid addresses from the mailing lists",
					  "{1}{2} ungültige Adressen aus den Verteilern entfernen" },
	[L_ACT_REMOVE_INVALID_1] = { "Remove {1}{2} invalid address (list it with --export-addresses)",
				     "{1}{2} ungültige Adresse entfernen (Liste mit --export-addresses)" },
	[L_ACT_REMOVE_INVALID_CLIENT_1] = { "Remove {1}{2} invalid address from the mailing lists",
					    "{1}{2} ungültige Adresse aus den Verteilern entfernen" },
	[L_ACT_UNKNOWN_CLIENT] = { "Look into failures without a known cause",
				   "Fehler ohne bekannte Ursache untersuchen" },
	[L_SHEET_OVERVIEW] = { "Overview", "Überblick" },
	[L_REPORT_FOR] = { "Email delivery report for {1}", "E-Mail-Zustellbericht für {1}" },
	[L_YOUR_DOMAINS] = { "Your sending domains", "Ihre Absenderdomains" },
	[L_WHAT_CHANGED] = { "What changed since the previous report", "Was sich seit dem letzten Bericht geändert hat" },
	[L_NO_PREVIOUS] = { "no previous report to compare with", "kein früherer Bericht zum Vergleich" },
	[L_WHAT_WE_DO] = { "What we are doing about it", "Was wir dagegen tun" },
	[L_DOMAIN_NOT_NAMED] = { "(sending domain not named in the log)",
				 "(Absenderdomain im Protokoll nicht genannt)" },
	/* {1} what (Sent, Failures), {2} before, {3} now */
	[L_CHANGE_TOTAL] = { "{1}: {2} → {3}", "{1}: {2} → {3}" },
	/* {1} the domain, {2} the verdict before, {3} now */
	[L_CHANGE_VERDICT] = { "{1}: {2} → {3}", "{1}: {2} → {3}" },
	[L_CATALOGUE_PROVIDER] = { "Catalogue entry's provider", "Anbieter des Katalogeintrags" },
	[L_HEALTH_HARD_BOUNCE] = { "Hard-bounce rate", "Hard-Bounce-Rate" },
	[L_HEALTH_THROTTLE] = { "Throttling rate", "Drosselungsrate" },
	/* {1} the rate's title, {2} its value, {3} of {4}, {5} the threshold */
	[L_HEALTH_OVER] = { "{1} {2} ({3} of {4}) is at or above {5}",
			    "{1} {2} ({3} von {4}) liegt bei oder über {5}" },
	[L_HEALTH_NO_DOMAIN] = { "these events name no sending domain (suppression lists, some CSV "
				 "logs): no verdict",
				 "die Ereignisse nennen keine Absenderdomain (Suppression-Listen, "
				 "manche CSV-Logs): kein Urteil" },
	[L_HEALTH_BLOCKING_1] = { "{1} failure of the sending account or the domain's authentication: "
				  "mail from this domain is refused until it is fixed",
				  "{1} Fehler beim Versandkonto oder der Authentifizierung der Domain: "
				  "Mail dieser Domain wird abgewiesen, bis das behoben ist" },
	[L_HEALTH_BLOCKING] = { "{1} failures of the sending account or the domain's authentication: "
				"mail from this domain is refused until they are fixed",
				"{1} Fehler beim Versandkonto oder der Authentifizierung der Domain: "
				"Mail dieser Domain wird abgewiesen, bis das behoben ist" },
	/* {1} sent, {2} the least that can be judged */
	[L_HEALTH_TOO_FEW] = { "only {1} sent (fewer than {2}): too few to judge",
			       "nur {1} gesendet (weniger als {2}): zu wenig für ein Urteil" },
};
_Static_assert(sizeof(texts) / sizeof(texts[0]) == L_COUNT_IDS, "one row per l10n id");

static const struct {
	const char *id;
	const char *text[2];
} action_kinds[] = {
	{ "verify_dns", { "Verify DNS", "DNS prüfen" } },
	{ "contact_support", { "Contact support", "Support kontaktieren" } },
	{ "clear_error", { "Clear the error", "Fehler zurücksetzen" } },
	{ "reduce_volume", { "Reduce volume", "Versandmenge senken" } },
	{ "remove_addresses", { "Remove addresses", "Adressen entfernen" } },
	{ "fix_request", { "Fix the email", "E-Mail korrigieren" } },
	{ "fix_credentials", { "Fix the login", "Zugangsdaten korrigieren" } },
	{ "check_network", { "Check the connection", "Verbindung prüfen" } },
	{ "retry_later", { "Retry later", "Später erneut senden" } },
	{ "review_content", { "Review content and lists", "Inhalt und Listen prüfen" } },
	{ "upgrade_plan", { "Upgrade the plan", "Tarif erweitern" } },
	{ "none", { "No action", "Keine Maßnahme" } },
};
_Static_assert(sizeof(action_kinds) / sizeof(action_kinds[0]) == ACTION_COUNT,
	       "one label per action kind");

const char *l10n(enum l10n_id id, enum sh_lang lang)
{
	const char *s;

	if ((unsigned)id >= L_COUNT_IDS)
		return "";
	s = texts[id][lang == LANG_DE];
	return s ? s : "";
}

void l10n_fill(struct strbuf *sb, enum l10n_id id, enum sh_lang lang, ...)
{
	const char *args[9] = { NULL }, *p, *a;
	va_list ap;
	size_t n = 0;

	va_start(ap, lang);
	while (n < 9 && (a = va_arg(ap, const char *)))
		args[n++] = a;
	va_end(ap);
	for (p = l10n(id, lang); *p; p++) {
		if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
			a = args[p[1] - '1'];
			strbuf_adds(sb, a ? a : "");
			p += 2;
		} else {
			strbuf_addch(sb, *p);
		}
	}
}

const char *l10n_verdict(const char *verdict, enum sh_lang lang)
{
	if (!verdict)
		return "";
	if (!strcmp(verdict, "OK"))
		return l10n(L_VERDICT_OK, lang);
	if (!strcmp(verdict, "WARNING"))
		return l10n(L_VERDICT_WARNING, lang);
	if (!strcmp(verdict, "CRITICAL"))
		return l10n(L_VERDICT_CRITICAL, lang);
	if (!strcmp(verdict, "INSUFFICIENT_DATA"))
		return l10n(L_VERDICT_INSUFFICIENT, lang);
	return verdict;
}

const char *l10n_action_kind(const char *kind, enum sh_lang lang)
{
	size_t i;

	if (!kind)
		return "";
	for (i = 0; i < sizeof(action_kinds) / sizeof(action_kinds[0]); i++) {
		if (!strcmp(kind, action_kinds[i].id))
			return action_kinds[i].text[lang == LANG_DE];
	}
	return kind;
}

const char *l10n_source_kind(const char *kind, enum sh_lang lang)
{
	if (!kind)
		return "";
	if (!strcmp(kind, "file"))
		return l10n(L_SOURCE_FILE, lang);
	if (!strcmp(kind, "api"))
		return l10n(L_SOURCE_API, lang);
	if (!strcmp(kind, "stats"))
		return l10n(L_SOURCE_STATS, lang);
	if (!strcmp(kind, "stdin"))
		return l10n(L_SOURCE_STDIN, lang);
	return kind;
}
