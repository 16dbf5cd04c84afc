#!/usr/bin/env bash
# Runs the README's first command as a new user would: in a fresh clone of this checkout, inside an
# empty temporary folder (nothing beside it), with a clean HOME. It passes when the server answers
# /api/ready, a demo account signs in and the scorecard has KPIs; it prints the wall time of each
# phase. The command is read from the README itself, so the README and this check cannot drift.
set -euo pipefail
cd "$(dirname "$0")/.."

command_line=$(awk '/^```sh/{getline; print; exit}' README.md | sed 's/[[:space:]]*#.*$//')
case "$command_line" in
  *install*start*) ;;
  *) echo "FAILED: the README's first line of commands is not install-then-start: '$command_line'" >&2; exit 1 ;;
esac

box=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
  fi
  rm -rf "$box"
}
trap cleanup EXIT

git clone --quiet --no-hardlinks "$PWD" "$box/kpi-dashboard"
mkdir "$box/home"
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
password="first-run-$(node -e "console.log(require('crypto').randomBytes(6).toString('hex'))")"

echo "Running in $box/kpi-dashboard with HOME=$box/home, port $port: $command_line"
started=$(date +%s.%N)
(
  cd "$box/kpi-dashboard"
  # A clean environment apart from PATH: a new user's shell has no project variables.
  exec setsid env -i PATH="$PATH" HOME="$box/home" PORT="$port" DEMO_PASSWORD="$password" LOG_LEVEL=warn \
    bash -c "$command_line"
) >"$box/first-run.log" 2>&1 &
server_pid=$!

ready=""
for _ in $(seq 1 600); do
  if curl -sf "http://127.0.0.1:$port/api/ready" >/dev/null 2>&1; then ready=yes; break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
  sleep 0.5
done
elapsed=$(echo "$(date +%s.%N) - $started" | bc)
if [ -z "$ready" ]; then
  echo "FAILED: /api/ready did not answer (after ${elapsed} s). Output:" >&2
  tail -n 60 "$box/first-run.log" >&2
  exit 1
fi
echo "Ready after ${elapsed} s. Phases, from the output:"
grep -E "Done in|Client (built|is up to date)|migrations applied|Seeded in|ready .* after the process started" "$box/first-run.log" || true

cookies="$box/cookies"
login=$(curl -s -c "$cookies" -o /dev/null -w '%{http_code}' -H 'content-type: application/json' \
  -d "{\"username\":\"viewer\",\"password\":\"$password\"}" "http://127.0.0.1:$port/api/auth/login")
[ "$login" = "200" ] || { echo "FAILED: the demo viewer could not sign in (HTTP $login)" >&2; exit 1; }
scorecard=$(curl -sf -b "$cookies" "http://127.0.0.1:$port/api/scorecard")
items=$(node -e "const s=JSON.parse(process.argv[1]); console.log(s.items.length)" "$scorecard")
month=$(node -e "console.log(JSON.parse(process.argv[1]).month)" "$scorecard")
if [ "$items" -lt 1 ]; then
  echo "FAILED: the default scorecard ($month) has no KPIs" >&2
  exit 1
fi
echo "Signed in as the demo viewer; the default scorecard ($month) shows $items KPIs."
