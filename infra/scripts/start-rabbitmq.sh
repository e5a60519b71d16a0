#!/usr/bin/env bash
# Starts a private RabbitMQ node (Debian's rabbitmq-server, see infra/apt-packages.txt) in the
# foreground on 127.0.0.1:PORT, with all its state under DATA_DIR: its own node name, Erlang cookie
# (HOME), database and logs, no plugins, so it neither needs nor touches a system broker. The
# default guest/guest user may connect over loopback only.
#   infra/scripts/start-rabbitmq.sh 5672 /tmp/ct-rabbit
set -euo pipefail
port=${1:?usage: start-rabbitmq.sh PORT DATA_DIR}
base=${2:?usage: start-rabbitmq.sh PORT DATA_DIR}
server=/usr/lib/rabbitmq/bin/rabbitmq-server
if [[ ! -x $server ]]; then
  echo "rabbitmq-server not found at $server: install Debian's rabbitmq-server (./test.sh does, as root)" >&2
  exit 1
fi
mkdir -p "$base"
base=$(cd "$base" && pwd)
export HOME="$base"
export RABBITMQ_NODENAME="ct$port@localhost"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=$port
export RABBITMQ_DIST_PORT=$((port + 20000))
export RABBITMQ_MNESIA_BASE="$base/mnesia"
export RABBITMQ_LOG_BASE="$base/log"
export RABBITMQ_CONFIG_FILE="$base/rabbitmq"
export RABBITMQ_ENABLED_PLUGINS_FILE="$base/enabled_plugins"
export ERL_EPMD_ADDRESS=127.0.0.1
echo "[]." > "$base/enabled_plugins"
printf 'listeners.tcp.default = 127.0.0.1:%s\n' "$port" > "$base/rabbitmq.conf"
exec "$server"
