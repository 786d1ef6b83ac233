#!/usr/bin/env bash
# Start the local PostgreSQL cluster if it is installed and down. Tests create their own
# throwaway databases; where PostgreSQL cannot be reached, that half of the suite is skipped.
set -u
if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  exit 0
fi
if command -v pg_ctlcluster >/dev/null 2>&1; then
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$version" ]; then
    echo "starting PostgreSQL $version" >&2
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do
      pg_isready -h 127.0.0.1 -p 5432 -q && exit 0
      sleep 1
    done
  fi
fi
echo "PostgreSQL is not reachable on 127.0.0.1:5432: the PostgreSQL half of the tests will be skipped" >&2
exit 0
