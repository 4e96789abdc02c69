/* test_evidence_lang.c - the kinds of reply in other languages (report/match/evidence_lang.c):
 * replies written for these tests in German, French, Spanish, Italian, Portuguese and
 * Dutch, with and without accents, reach the category their English wording would.
 * Contract: test-only. */
#include "tests/report/match/evidence_cases.h"

static const struct reply_case replies[] = {
	/* other languages (report/match/evidence_lang.c) */
	{ "German: user unknown", "550 <anna@example.de>: Benutzer unbekannt", "recipient_invalid" },
	{ "German: unknown user", "550 Unbekannter Benutzer: anna@example.de", "recipient_invalid" },
	{ "German: recipient unknown", "550 Empfänger unbekannt, bitte Adresse prüfen", "recipient_invalid" },
	{ "German: recipient unknown without umlaut", "550 Empfaenger unbekannt", "recipient_invalid" },
	{ "German: unknown recipient", "550 Unbekannter Empfänger <anna@example.de>", "recipient_invalid" },
	{ "German: unknown recipient without umlaut", "550 Unbekannter Empfaenger", "recipient_invalid" },
	{ "German: address unknown", "550 Adresse unbekannt", "recipient_invalid" },
	{ "German: mailbox does not exist", "550 Das Postfach anna@example.de existiert nicht", "recipient_invalid" },
	{ "French: user unknown", "550 Utilisateur inconnu : marie@example.fr", "recipient_invalid" },
	{ "French: recipient unknown", "550 Destinataire inconnu", "recipient_invalid" },
	{ "French: address unknown", "550 Adresse inconnue dans ce domaine", "recipient_invalid" },
	{ "French: does not exist", "550 Cette adresse n'existe pas", "recipient_invalid" },
	{ "French: nonexistent mailbox", "550 Boîte aux lettres inexistante", "recipient_invalid" },
	{ "Spanish: user unknown", "550 Usuario desconocido en este servidor", "recipient_invalid" },
	{ "Spanish: recipient unknown", "550 Destinatario desconocido", "recipient_invalid" },
	{ "Spanish: address unknown", "550 Dirección desconocida: juan@example.es", "recipient_invalid" },
	{ "Spanish: address unknown without accent", "550 Direccion desconocida", "recipient_invalid" },
	{ "Spanish: account does not exist", "550 La cuenta no existe", "recipient_invalid" },
	{ "Spanish/Portuguese: nonexistent", "550 Cuenta inexistente", "recipient_invalid" },
	{ "Italian: user unknown", "550 Utente sconosciuto", "recipient_invalid" },
	{ "Italian: recipient unknown", "550 Destinatario sconosciuto", "recipient_invalid" },
	{ "Italian: user does not exist", "550 Utente inesistente: luca@example.it", "recipient_invalid" },
	{ "Italian: nonexistent address", "550 Indirizzo inesistente", "recipient_invalid" },
	{ "Italian: no such user", "550 Nessun utente simile in questo indirizzo", "recipient_invalid" },
	{ "Italian: does not exist", "550 La casella luca@example.it non esiste", "recipient_invalid" },
	{ "Portuguese: user unknown", "550 Usuário desconhecido", "recipient_invalid" },
	{ "Portuguese: user unknown without accent", "550 Usuario desconhecido", "recipient_invalid" },
	{ "Portuguese (Portugal): user unknown", "550 Utilizador desconhecido", "recipient_invalid" },
	{ "Portuguese: recipient unknown", "550 Destinatário desconhecido", "recipient_invalid" },
	{ "Portuguese: does not exist", "550 O endereço não existe", "recipient_invalid" },
	{ "Portuguese: does not exist without accent", "550 O endereco nao existe", "recipient_invalid" },
	{ "Dutch: unknown user", "550 Onbekende gebruiker", "recipient_invalid" },
	{ "Dutch: user unknown", "550 Gebruiker onbekend", "recipient_invalid" },
	{ "Dutch: unknown recipient", "550 Onbekende ontvanger", "recipient_invalid" },
	{ "Dutch: recipient unknown", "550 Ontvanger onbekend", "recipient_invalid" },
	{ "Dutch: does not exist", "550 Dit adres bestaat niet", "recipient_invalid" },
	{ "German: account locked", "550 Konto gesperrt", "recipient_invalid" },
	{ "German: mailbox locked", "550 Postfach gesperrt", "recipient_invalid" },
	{ "German: the mailbox is locked", "550 Das Postfach ist gesperrt", "recipient_invalid" },
	{ "French: account disabled", "550 Compte désactivé", "recipient_invalid" },
	{ "French: account disabled without accents", "550 Compte desactive", "recipient_invalid" },
	{ "Spanish: account deactivated", "550 Cuenta desactivada", "recipient_invalid" },
	{ "Spanish: account disabled", "550 Cuenta deshabilitada", "recipient_invalid" },
	{ "Italian: account disabled", "550 Account disattivato", "recipient_invalid" },
	{ "Portuguese: account disabled", "550 Conta desativada", "recipient_invalid" },
	{ "German: mailbox full", "452 Postfach voll", "mailbox_full" },
	{ "German: the mailbox is full", "452 Das Postfach ist voll", "mailbox_full" },
	{ "German: mailbox is full (anglicism)", "452 Mailbox ist voll", "mailbox_full" },
	{ "German: storage exceeded", "452 Speicherplatz überschritten", "mailbox_full" },
	{ "French: letterbox full", "452 Boîte aux lettres pleine", "mailbox_full" },
	{ "French: letterbox full without accent", "452 Boite aux lettres pleine", "mailbox_full" },
	{ "French: box full", "452 Boîte pleine", "mailbox_full" },
	{ "French: box full without accent", "452 Boite pleine", "mailbox_full" },
	{ "French: the box is full", "452 La boîte de marie est pleine", "mailbox_full" },
	{ "French: the recipient's box is full", "452 Boite du destinataire pleine", "mailbox_full" },
	{ "Spanish: mailbox full", "452 Buzón lleno", "mailbox_full" },
	{ "Spanish: mailbox full without accent", "452 Buzon lleno", "mailbox_full" },
	{ "Spanish: the mailbox is full", "452 El buzón está lleno", "mailbox_full" },
	{ "Spanish: the mailbox is full without accents", "452 El buzon esta lleno", "mailbox_full" },
	{ "Spanish (Latin America): box full", "452 Casilla llena", "mailbox_full" },
	{ "Italian: box full", "452 Casella piena", "mailbox_full" },
	{ "Italian: mailbox full", "452 Casella di posta piena", "mailbox_full" },
	{ "Italian: postbox full", "452 Casella postale piena", "mailbox_full" },
	{ "Portuguese: postbox full", "452 Caixa postal cheia", "mailbox_full" },
	{ "Portuguese: mailbox full", "452 Caixa de correio cheia", "mailbox_full" },
	{ "Portuguese: inbox full", "452 Caixa de entrada cheia", "mailbox_full" },
	{ "Portuguese: box full", "452 Caixa cheia", "mailbox_full" },
	{ "Dutch: mailbox full", "452 Mailbox vol", "mailbox_full" },
	{ "Dutch: the mailbox is full", "452 De mailbox is vol", "mailbox_full" },
	{ "Dutch: postbox full", "452 Postvak vol", "mailbox_full" },
	{ "Dutch: the postbox is full", "452 Het postvak is vol", "mailbox_full" },
	{ "German/Dutch: taken for spam", "550 Content filter: Nachricht als Spam eingestuft", "reputation_block" },
	{ "French: considered spam", "550 Filtre de contenu (content filter) : message considéré comme spam", "reputation_block" },
	{ "French: taken for spam", "550 Content filter: message identifié comme du spam", "reputation_block" },
	{ "Spanish/Portuguese: marked as spam", "550 Content filter: mensaje marcado como spam", "reputation_block" },
	{ "Italian: classified as spam", "550 Content filter: messaggio classificato come spam", "reputation_block" },
	{ "French (Canada): junk mail word", "550 5.7.1 Refusé: pourriel", "reputation_block" },
	{ "Spanish: unwanted mail", "550 5.7.1 Rechazado: correo no deseado", "reputation_block" },
	{ "German: too many connections", "421 Zu viele Verbindungen von 203.0.113.5", "rate_limit" },
	{ "German: too many messages", "451 Zu viele Nachrichten, bitte später", "rate_limit" },
	{ "French: too many connections", "421 Trop de connexions depuis votre adresse", "rate_limit" },
	{ "French: too many messages", "451 Trop de messages, réessayez plus tard", "rate_limit" },
	{ "Spanish: too many connections", "421 Demasiadas conexiones", "rate_limit" },
	{ "Spanish: too many messages", "451 Demasiados mensajes", "rate_limit" },
	{ "Italian: too many connections", "421 Troppe connessioni", "rate_limit" },
	{ "Italian: too many messages", "451 Troppi messaggi", "rate_limit" },
	{ "Portuguese: many connections", "421 Muitas conexões simultâneas", "rate_limit" },
	{ "Portuguese: many connections without accents", "421 Muitas conexoes", "rate_limit" },
	{ "Dutch: too many connections", "421 Te veel verbindingen", "rate_limit" },
	{ "Dutch: too many messages", "451 Te veel berichten", "rate_limit" },
};

static void test_replies(void)
{
	check_replies(replies, sizeof(replies) / sizeof(replies[0]));
}

int main(void)
{
	static const struct test_case tests[] = {
		{ "replies in other languages reach their category", test_replies },
	};

	return test_run("evidence_lang", tests, sizeof(tests) / sizeof(tests[0]));
}
