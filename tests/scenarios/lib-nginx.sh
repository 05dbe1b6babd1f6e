# shellcheck shell=bash
# lib-nginx.sh: the nginx pair our users run, for scenario 88 and the demo;
# sourced after lib.sh and lib-failover.sh. Debian's nginx-light, one
# instance per namespace, each with its own prefix under TMPD (the guest's
# root is the host's, read-only):
#
#   client --- br0 --- r1, r2: nginx on :80, VRRP on eth0 (VIP 192.0.2.10)
#                       |   |
#              br1 --- eth1 (198.51.100.1, .2) --- app (198.51.100.50)
#
# A balancer answers GET / with its own name ("own" mode) or passes it to
# the application server, which answers "app via NAME" ("proxy" mode);
# GET /health is what the health check asks.

NGINX=/usr/sbin/nginx
APP=198.51.100.50

# app_topology: br1, r1's and r2's eth1, and the app namespace on it.
app_topology() {
	local r
	ip netns add app
	ip link add eth0 netns app type veth peer name p-app netns sw
	host_up app "$APP"
	sw ip link add br1 type bridge mcast_snooping 0
	sw ip link set br1 up
	sw ip link set p-app master br1 up
	for r in r1:1 r2:2; do
		ip link add eth1 netns "${r%:*}" type veth peer name "p1-${r%:*}" netns sw
		printf 'addr add 198.51.100.%s/24 dev eth1\nlink set eth1 up\n' "${r#*:}" |
			ip -n "${r%:*}" -batch -
		sw ip link set "p1-${r%:*}" master br1 up
	done
}

# nginx_conf NS MODE: write NS's config; MODE own, proxy or app.
nginx_conf() {
	local ns=$1 mode=$2 dir=$TMPD/nginx-$1 body
	mkdir -p "$dir"
	case $mode in
	own) body="return 200 \"$ns\\n\";" ;;
	proxy) body="proxy_pass http://$APP:80; proxy_set_header X-Via $ns;" ;;
	app) body='return 200 "app via $http_x_via\n";' ;;
	esac
	cat >"$dir/nginx.conf" <<-CONF
	worker_processes 1;
	pid $dir/nginx.pid;
	error_log $dir/error.log;
	events { worker_connections 256; }
	http {
		access_log off;
		client_body_temp_path $dir/cb;
		proxy_temp_path $dir/proxy;
		fastcgi_temp_path $dir/fcgi;
		uwsgi_temp_path $dir/uwsgi;
		scgi_temp_path $dir/scgi;
		server {
			listen 80;
			location = /health { return 200 "ok\\n"; }
			location / { $body }
		}
	}
	CONF
}

# nginx_start NS: nginx daemonizes; its master is stopped on exit with the
# other background helpers (a deleted namespace would not stop it).
nginx_start() {
	local dir=$TMPD/nginx-$1
	on "$1" "$NGINX" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" ||
		fail "nginx did not start in $1: $(cat "$dir/error.log" 2>/dev/null)"
	BG_PIDS+=("$(cat "$dir/nginx.pid")")
}

nginx_reload() {
	local dir=$TMPD/nginx-$1
	on "$1" "$NGINX" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" -s reload ||
		fail "nginx did not reload in $1"
}

# nginx_crash NS: SIGKILL to the master and its workers at once, as a
# crash; CRASH_MS is when (the pids are found first: under emulation that
# takes a few hundred ms, which must not count).
nginx_crash() {
	local master workers
	master=$(cat "$TMPD/nginx-$1/nginx.pid") || fail "no nginx pid in $1"
	workers=$(pgrep -P "$master")
	kill -KILL "$master" $workers 2>/dev/null
	CRASH_MS=$(ms)
	rm -f "$TMPD/nginx-$1/nginx.pid"
}

# health_checker NS: `vrrpadm check web` against NS's own nginx, every
# 500 ms (1 s to answer), in the background; its log in TMPD/check-NS. On
# the debug kernel, where a curl process alone takes about a second, every
# 2 s with 5 s to answer, and down after 3 failures in a row.
CHECK_EVERY=500ms CHECK_WITHIN=1 CHECK_FALL=1
[ "${VRRP_VM_FLAVOUR:-}" != debug ] || CHECK_EVERY=2s CHECK_WITHIN=5 CHECK_FALL=3
# curl's first run reads it and its libraries over 9p, which can take
# longer than a check may: read them once before the checkers start.
curl --version >/dev/null 2>&1
health_checker() {
	ip netns exec "$1" "$VRRPADM" check web script \
		"curl -fsS -o /dev/null --max-time $CHECK_WITHIN http://127.0.0.1/health" \
		interval $CHECK_EVERY timeout ${CHECK_WITHIN}s fall $CHECK_FALL \
		2>"$TMPD/check-$1" &
	BG_PIDS+=($!)
}

# web_up NS: NS's health object web is up.
web_up() { [ "$(vrrpadm "$1" track show web 2>/dev/null | cut -d' ' -f2)" = up, ]; }

# probe_start URL: the client fetches URL every 50 ms (tests/scenarios/
# http_probe.py), one line per attempt in TMPD/probe; an attempt may take
# 500 ms, 3 s on the debug kernel, where nginx and the client are slower.
probe_start() {
	local within=500
	[ "${VRRP_VM_FLAVOUR:-}" != debug ] || within=3000
	ip netns exec client /usr/bin/python3 "$REPO/tests/scenarios/http_probe.py" \
		"$1" 50 "$TMPD/probe" "$within" &
	BG_PIDS+=($!)
}

# first_ok SINCE BODY: the time of the first answer BODY at or after SINCE.
first_ok() {
	awk -v t="$1" -v b="$2" '$1 >= t && $2 == "ok" && substr($0, index($0, "ok ") + 3) == b { print $1; exit }' \
		"$TMPD/probe"
}
answered() { [ -n "$(first_ok "$1" "$2")" ]; }

# failed FROM TO: attempts that failed in [FROM, TO].
failed() {
	awk -v a="$1" -v b="$2" '$1 >= a && $1 <= b && $2 == "fail"' "$TMPD/probe" | wc -l
}
