# Shell helpers shared by the bench scripts (sourced, not run).

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

wait_port() { # port [seconds]: until something accepts on 127.0.0.1:port
  local deadline=$((SECONDS + ${2:-30}))
  until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    [ $SECONDS -lt "$deadline" ] || { echo "nothing listens on 127.0.0.1:$1" >&2; return 1; }
    sleep 0.2
  done
}

install_missing() { # command:debian-package ...: installs the packages whose command is missing
  local need=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || need+=("${pair#*:}")
  done
  if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
}
