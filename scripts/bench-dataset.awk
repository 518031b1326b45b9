# Deterministic mixed dataset as RESP commands for `redis-cli --pipe` (mawk or gawk).
# Usage: awk -v KEYS=4000000 -v SEED=42 -f scripts/bench-dataset.awk | redis-cli -p PORT --pipe
function cmd(n, a,   i, s) {
    s = "*" n "\r\n"
    for (i = 1; i <= n; i++) s = s "$" length(a[i]) "\r\n" a[i] "\r\n"
    printf "%s", s
}
function word(len,   s, i) {
    s = ""
    for (i = 0; i < len; i += 8) s = s substr(ALPHA, int(rand() * 54) + 1, 8)
    return substr(s, 1, len)
}
function rint(lo, hi) { return lo + int(rand() * (hi - lo + 1)) }
BEGIN {
    srand(SEED == "" ? 42 : SEED)
    if (KEYS == "") KEYS = 4000000
    if (BIG == "") BIG = 4
    ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnop"
    for (k = 0; k < KEYS; k++) {
        r = rand()
        if (r < 0.55) {                      # strings: ints, embstr, raw
            a[1] = "SET"; a[2] = "user:" k ":profile"
            t = rand()
            a[3] = t < 0.2 ? sprintf("%d", rint(0, 100000000)) : word(t < 0.5 ? rint(5, 44) : rint(45, 300))
            cmd(3, a)
            if (rand() < 0.3) { e[1] = "PEXPIREAT"; e[2] = a[2]; e[3] = sprintf("%.0f", 2400000000000 + k); cmd(3, e) }
        } else if (r < 0.80) {               # small hashes (listpack)
            n = rint(3, 10); a[1] = "HSET"; a[2] = "session:" k; m = 2
            for (i = 0; i < n; i++) { a[++m] = "f" i; a[++m] = rand() < 0.3 ? sprintf("%d", rint(0, 99999)) : word(rint(4, 40)) }
            cmd(m, a)
        } else if (r < 0.90) {               # lists
            n = rint(4, 20); a[1] = "RPUSH"; a[2] = "queue:" k; m = 2
            for (i = 0; i < n; i++) a[++m] = word(rint(8, 100))
            cmd(m, a)
        } else if (r < 0.95) {               # sets: intsets and listpack/hashtable sets
            n = rint(4, 30); a[1] = "SADD"; a[2] = "tags:" k; m = 2; ints = rand() < 0.5
            for (i = 0; i < n; i++) a[++m] = ints ? sprintf("%d", rint(0, 1000000)) : word(rint(4, 20))
            cmd(m, a)
        } else {                              # sorted sets
            n = rint(4, 20); a[1] = "ZADD"; a[2] = "rank:" k; m = 2
            for (i = 0; i < n; i++) { a[++m] = sprintf("%d", rint(0, 100000)); a[++m] = "member:" rint(0, 1000000) }
            cmd(m, a)
        }
    }
    # a few big keys of each container type, so hashtable/skiplist/quicklist paths are timed too
    for (bk = 0; bk < BIG; bk++) {
        for (c = 0; c < 50; c++) {
            a[1] = "HSET"; a[2] = "big:hash:" bk; m = 2
            for (i = 0; i < 1000; i++) { a[++m] = "field:" c ":" i; a[++m] = word(rint(10, 80)) }
            cmd(m, a)
            a[1] = "ZADD"; a[2] = "big:zset:" bk; m = 2
            for (i = 0; i < 1000; i++) { a[++m] = sprintf("%d", rint(0, 999999999)); a[++m] = "m:" c ":" i }
            cmd(m, a)
            a[1] = "SADD"; a[2] = "big:set:" bk; m = 2
            for (i = 0; i < 1000; i++) a[++m] = "s:" c ":" i ":" word(6)
            cmd(m, a)
            a[1] = "RPUSH"; a[2] = "big:list:" bk; m = 2
            for (i = 0; i < 1000; i++) a[++m] = word(rint(10, 100))
            cmd(m, a)
        }
    }
}
