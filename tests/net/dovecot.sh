# dovecot.sh - a throw-away Dovecot IMAPS server for the tests (sourced). Runs from a
# directory of its own: config, a certificate made now by openssl, a passwd-file user and
# a Maildir; listens on 127.0.0.1 only, on a free port. Needs Debian's dovecot-imapd and
# openssl (scripts/install-deps test); dovecot_available says whether they are there.
#   dovecot_available                    -> 0 when the server can be started
#   dovecot_setup DIR USER PASSWORD      -> makes DIR/{dovecot.conf,cert.pem,...}, DV_MAILDIR
#   dovecot_start                        -> starts it; 1 when it did not come up
# The server listens on 127.0.0.1:DV_PORT (IMAPS) and :DV_PORT_PLAIN (IMAP, where only
# STARTTLS opens a login: ssl = required).
#   dovecot_stop                         -> stops it (safe to call twice, from a trap)
# As root, the login processes run as Debian's dovenull and the mail as its dovecot user
# (Dovecot refuses root for both); otherwise everything runs as the calling user, without
# the chroot of the login and anvil processes (only root may chroot: Dovecot's rootless
# set-up). dovecot_start's failure as a non-root user is for the caller to turn into a
# skip that says why (see test_imap.sh).

DV_BIN=$(command -v dovecot 2>/dev/null || echo /usr/sbin/dovecot)

dovecot_available() {
	[ -x "$DV_BIN" ] && command -v openssl >/dev/null 2>&1
}

# A TCP port nobody listens on now.
dovecot_free_port() {
	"${PY:-python3}" -c 'import socket
s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

dovecot_setup() {
	DV_DIR=$1 DV_USER=$2
	mkdir -p "$DV_DIR/run" "$DV_DIR/state" "$DV_DIR/home/$DV_USER/Maildir/cur" \
		"$DV_DIR/home/$DV_USER/Maildir/new" "$DV_DIR/home/$DV_USER/Maildir/tmp"
	DV_MAILDIR=$DV_DIR/home/$DV_USER/Maildir
	openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
		-addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
		-keyout "$DV_DIR/key.pem" -out "$DV_DIR/cert.pem" >/dev/null 2>&1 || return 1
	printf '%s:{PLAIN}%s\n' "$DV_USER" "$3" >"$DV_DIR/passwd"
	chmod 600 "$DV_DIR/passwd" "$DV_DIR/key.pem"
	if [ "$(id -u)" = 0 ]; then
		dv_login=dovenull dv_internal=root dv_group=root
		dv_uid=$(id -u dovecot) dv_gid=$(id -g dovecot)
		dv_chroot= dv_anvil=
	else
		dv_login=$(id -un) dv_internal=$(id -un) dv_group=$(id -gn)
		dv_uid=$(id -u) dv_gid=$(id -g)
		dv_chroot='  chroot ='
		dv_anvil='service anvil {
  chroot =
}'
	fi
	DV_PORT=$(dovecot_free_port)
	DV_PORT_PLAIN=$(dovecot_free_port)
	cat >"$DV_DIR/dovecot.conf" <<CONF
base_dir = $DV_DIR/run
state_dir = $DV_DIR/state
log_path = $DV_DIR/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <$DV_DIR/cert.pem
ssl_key = <$DV_DIR/key.pem
default_login_user = $dv_login
default_internal_user = $dv_internal
default_internal_group = $dv_group
first_valid_uid = $dv_uid
last_valid_uid = 0
auth_mechanisms = plain login
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DV_DIR/passwd
}
userdb {
  driver = static
  args = uid=$dv_uid gid=$dv_gid home=$DV_DIR/home/%u
}
mail_location = maildir:~/Maildir
$dv_anvil
service imap-login {
$dv_chroot
  inet_listener imap {
    port = $DV_PORT_PLAIN
  }
  inet_listener imaps {
    port = $DV_PORT
    ssl = yes
  }
}
CONF
}

# Hands the Maildir to the mail user (as root) and starts the server.
dovecot_start() {
	chmod 755 "$DV_DIR"
	d=$DV_DIR
	while [ "$d" != / ] && [ "$d" != . ]; do chmod go+rx "$d" 2>/dev/null; d=$(dirname "$d"); done
	[ "$(id -u)" = 0 ] && chown -R "$dv_uid:$dv_gid" "$DV_DIR/home"
	"$DV_BIN" -c "$DV_DIR/dovecot.conf" || return 1
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		if "${PY:-python3}" -c 'import socket,sys
socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' "$DV_PORT" 2>/dev/null
		then return 0; fi
		sleep 0.25
	done
	return 1
}

dovecot_stop() {
	[ -n "${DV_DIR:-}" ] && [ -f "$DV_DIR/run/master.pid" ] || return 0
	kill "$(cat "$DV_DIR/run/master.pid")" 2>/dev/null
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		[ -f "$DV_DIR/run/master.pid" ] || return 0
		kill -0 "$(cat "$DV_DIR/run/master.pid")" 2>/dev/null || return 0
		sleep 0.2
	done
}
