#!/usr/bin/env bash
# Checks the shipped deployment files with the real tools: `nginx -t` on nginx/ibasho.conf,
# `caddy validate` on both Caddyfiles, `systemd-analyze verify` on the unit (where systemd
# is there), `ibasho check-catalogue` and `check-staff` on the example catalogue and staff
# file, and compose.yaml parsed as YAML with the services it must have. Installs nginx and
# caddy from Debian when missing.
# Run by .ci/run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
need() {
    local missing=()
    for tool in "$@"; do command -v "${tool%%=*}" >/dev/null || missing+=("${tool#*=}"); done
    if [ ${#missing[@]} -gt 0 ]; then
        $sudo apt-get install -y "${missing[@]}" >/dev/null 2>&1 \
            || { $sudo apt-get update >/dev/null && $sudo apt-get install -y "${missing[@]}" >/dev/null; }
    fi
}
need nginx=nginx-light openssl=openssl caddy=caddy python3=python3

echo "== nginx -t (deploy/nginx/ibasho.conf)"
bash "$here/nginx/check.sh"

echo "== caddy validate (deploy/caddy/Caddyfile, Caddyfile.single)"
for file in Caddyfile Caddyfile.single; do
    # The output is read whole before it is searched: `caddy … | grep -q` under pipefail
    # failed now and then, when grep stopped reading before caddy stopped writing (SIGPIPE).
    out="$(IBASHO_DOMAIN=ibasho.example.org ACME_EMAIL=ops@example.org \
        caddy validate --config "$here/caddy/$file" --adapter caddyfile 2>&1 || true)"
    grep -q "Valid configuration" <<<"$out" || { echo "$file: invalid"; echo "$out"; exit 1; }
    echo "$file: ok"
done

echo "== systemd unit"
if command -v systemd-analyze >/dev/null; then
    # Only the unit's own syntax: the binary and env file are not installed here.
    out="$(systemd-analyze verify "$here/systemd/ibasho.service" 2>&1 || true)"
    rest="$(grep -v -e "ibasho.env" -e "/usr/local/bin/ibasho" -e "^$" <<<"$out" || true)"
    if [ -n "$rest" ]; then
        echo "$out"; exit 1
    fi
    echo "ibasho.service: ok"
else
    echo "systemd-analyze not found; skipped"
fi

echo "== compose.yaml"
python3 - "$here/compose.yaml" <<'PY'
import sys
try:
    import yaml
except ImportError:
    sys.exit(print("python3-yaml not installed; compose.yaml syntax not checked") or 0)
doc = yaml.safe_load(open(sys.argv[1]))
services = doc["services"]
for name in ("ibasho-1", "ibasho-2", "redis", "caddy"):
    assert name in services, f"compose.yaml has no service {name}"
assert services["ibasho-1"]["environment"]["IBASHO_STORE"] == "redis"
assert "--appendonly" in services["redis"]["command"]
print("compose.yaml: ok")
PY

echo "== example catalogue and staff file"
if [ -x "$root/target/release/ibasho" ]; then
    "$root/target/release/ibasho" check-catalogue "$here/catalogue.example.toml" | tail -1
    "$root/target/release/ibasho" check-staff "$here/staff.example.toml"
else
    (cd "$root" && cargo run --quiet --bin ibasho -- check-catalogue deploy/catalogue.example.toml | tail -1)
    (cd "$root" && cargo run --quiet --bin ibasho -- check-staff deploy/staff.example.toml)
fi
