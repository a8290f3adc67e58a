#!/usr/bin/env bash
# Checks deploy/nginx/ibasho.conf with `nginx -t`, inside a throwaway nginx.conf and with a
# throwaway self-signed certificate, so that it needs nothing of this machine's nginx setup.
# Installs nginx and openssl from Debian if they are missing (as root, or through sudo).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v nginx >/dev/null || ! command -v openssl >/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y nginx-light openssl >/dev/null 2>&1 \
        || { $sudo apt-get update >/dev/null && $sudo apt-get install -y nginx-light openssl >/dev/null; }
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/ssl" "$work/conf.d"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=ibasho.example.org" \
    -keyout "$work/ssl/privkey.pem" -out "$work/ssl/fullchain.pem" 2>/dev/null
sed "s#/etc/ssl/ibasho#$work/ssl#g" "$here/ibasho.conf" > "$work/conf.d/ibasho.conf"
cat > "$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log stderr;
events {}
http {
    include $work/conf.d/ibasho.conf;
}
CONF
nginx -t -p "$work" -c "$work/nginx.conf"
