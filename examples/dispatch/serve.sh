#!/usr/bin/env bash
# Set up and serve the Dispatch demo: migrate SQLite, print the docs URL and a try-it-out token,
# then run daphne (the ASGI server) on 127.0.0.1:8000.
#
#   examples/dispatch/serve.sh              # HOST and PORT change where it listens
#   PYTHON=/path/to/python examples/dispatch/serve.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
host="${HOST:-127.0.0.1}"
port="${PORT:-8000}"

cd "$here"
export PYTHONPATH="$root${PYTHONPATH:+:$PYTHONPATH}"
mkdir -p "$root/examples/out"
"$python" manage.py migrate --noinput -v 0
token="$("$python" manage.py demo_token rider)"

cat <<MSG

  Dispatch demo
  Docs:        http://$host:$port/ws-docs/
  Raw spec:    http://$host:$port/ws-docs/dispatch/asyncapi.yaml
  Token for try-it-out (Authentication → Query-parameter token), user "rider":
               $token

  Stop with Ctrl-C.

MSG
exec "$python" -m daphne -b "$host" -p "$port" dispatch_demo.asgi:application
