# Sourced by heap-profile.sh and transport-floor.sh: a server's managed heap (after a full
# collection, Friday.Bench.HeapProfile) and RSS before and after its clients connect, and what
# each connection added. Needs BENCH; the tool must be built (Release).
HEAP_TOOL="$BENCH/Friday.Bench.HeapProfile/bin/Release/net10.0/Friday.Bench.HeapProfile.dll"

# heap_snapshot PID DIR NAME: a full collection, then DIR/NAME.dmp and the RSS in DIR/NAME.rss.
heap_snapshot() {
  dotnet "$HEAP_TOOL" snapshot "$1" "$2/$3.dmp" >/dev/null
  awk '/^VmRSS/ { print $2 }' "/proc/$1/status" >"$2/$3.rss"
}

# heap_growth TITLE CLIENTS DIR: the RSS line, then the heap tables, from DIR's before and after snapshots.
heap_growth() {
  local before after
  before=$(cat "$3/before.rss") after=$(cat "$3/after.rss")
  echo "$1, server RSS growth after a full collection: $(( (after - before) * 1024 / $2 )) B per connection"
  echo
  dotnet "$HEAP_TOOL" compare "$3/before.dmp" "$3/after.dmp" "$2"
}
