/* l10n.c - the English and German tables behind l10n.h. The German is written for an
 * agency account manager: plain words, the terms the shared error sheet uses. */
#include "model/l10n.h"

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
		return lang == LANG_DE ? "Datei" : "file";
	if (!strcmp(kind, "api"))
		return "API";
	if (!strcmp(kind, "stats"))
		return lang == LANG_DE ? "Statistik" : "statistics";
	return kind;
}
