#!/bin/sh
# The container's entry point: secrets may come as files (Docker and Kubernetes secrets, systemd credentials). For
# every <NAME>_FILE variable, the file's content (trailing newlines removed) becomes <NAME>, and <NAME>_FILE is
# unset; then the command runs. Works outside a container too: docker/entrypoint.sh node dist/bot/server/main.js
set -eu

for name_file in $(env | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*_FILE\)=.*/\1/p'); do
  name=${name_file%_FILE}
  eval "file=\${$name_file}"
  eval "already=\${$name:-}"
  if [ -n "$already" ]; then
    echo "m365ops cannot start: both $name and $name_file are set; set only one of them." >&2
    exit 1
  fi
  if [ ! -r "$file" ]; then
    echo "m365ops cannot start: $name_file is \"$file\", but no readable file is there." >&2
    exit 1
  fi
  value=$(cat "$file")
  export "$name=$value"
  unset "$name_file"
done

exec "$@"
