#!/usr/bin/env sh
# azd postdeploy hook: makes OPERATOR_KEY a host key of the function app, so the same key passes the
# Functions host (Function-level routes) and the shared handlers (Auth__OperatorKey). Needs `az` logged in
# to the same subscription; otherwise prints the command to run by hand. Never prints the key.
set -eu
if [ -z "${OPERATOR_KEY:-}" ] || [ -z "${AZURE_FUNCTION_APP_NAME:-}" ] || [ -z "${AZURE_RESOURCE_GROUP:-}" ]; then
  echo "set-operator-key: OPERATOR_KEY, AZURE_FUNCTION_APP_NAME or AZURE_RESOURCE_GROUP missing; skipped." >&2
  exit 0
fi
if ! command -v az >/dev/null 2>&1; then
  echo "set-operator-key: Azure CLI not found. Run: az functionapp keys set -g $AZURE_RESOURCE_GROUP -n $AZURE_FUNCTION_APP_NAME --key-type functionKeys --key-name operator --key-value \"\$OPERATOR_KEY\"" >&2
  exit 0
fi
az functionapp keys set -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" \
  --key-type functionKeys --key-name operator --key-value "$OPERATOR_KEY" --output none
echo "set-operator-key: host key 'operator' set on $AZURE_FUNCTION_APP_NAME."
