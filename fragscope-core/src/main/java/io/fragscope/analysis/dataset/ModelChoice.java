package io.fragscope.analysis.dataset;

import io.fragscope.analysis.cost.CostModel;
import io.fragscope.model.AllocatorChoice;
import io.fragscope.model.EncodingThresholds;
import io.fragscope.model.RedisLayout;
import io.fragscope.model.ServerVersion;
import io.fragscope.source.KeyName;
import io.fragscope.source.Setting;
import io.fragscope.source.info.InfoDump;

import java.util.Map;
import java.util.Optional;

/**
 * The one rule that chooses the model of a key input, RDB file or listing alike: the server version and flavour,
 * the allocator, cluster mode and shared integers, each with the reason the report shows.
 *
 * <p>Version: {@code --redis-version}; else the RDB's {@code valkey-ver} or {@code redis-ver} AUX field (a value
 * that does not parse falls back, and says so); else the matched INFO dump ({@code valkey_version} makes it Valkey);
 * else the RDB format version ({@link ServerVersion#ofRdb}); else, for a listing, the newest server its format can come
 * from (redis-rdb-tools: Redis 6.2), else Redis 7.0. Version texts come from the
 * input: the reasons carry them with control characters escaped.
 */
public final class ModelChoice {
    private ModelChoice() {}

    /** The newest server an input can come from, and what says so. */
    private record Ceiling(ServerVersion version, String source) {}

    /** What an RDB file's header says about its writer; absent for listings. */
    public record Writer(int rdbVersion, boolean valkeyMagic, String redisVer, String valkeyVer) {}

    /**
     * @param explicitVersion   the version set ({@link Setting#REDIS_VERSION}), or null
     * @param explicitAllocator a checked allocator name ({@link Setting#ALLOCATOR}), or null
     * @param config            encoding thresholds as the server had them
     * @param info              the INFO dump matched to the input, if any
     * @param writer            the RDB header, if the input is an RDB file
     */
    /** The dump's {@code cluster_enabled} (INFO's Cluster section, Redis 3.0 on): true, false, or null when absent or no dump. */
    public static Boolean clusterEnabled(Optional<InfoDump> info) {
        return info.flatMap(i -> i.text("cluster_enabled")).map(v -> v.equals("1") ? Boolean.TRUE : v.equals("0") ? Boolean.FALSE : null)
                .orElse(null);
    }

    public static CostModel choose(String explicitVersion, String explicitAllocator, Map<String, Long> config,
                                   Optional<InfoDump> info, Optional<Writer> writer) {
        return choose(explicitVersion, explicitAllocator, config, info, writer, Setting.LIBRARY);
    }

    /** As {@link #choose(String, String, Map, Optional, Optional)}, the reasons naming the settings by {@code naming}. */
    public static CostModel choose(String explicitVersion, String explicitAllocator, Map<String, Long> config,
                                   Optional<InfoDump> info, Optional<Writer> writer, Setting.Naming naming) {
        return choose(explicitVersion, explicitAllocator, config, info, writer, naming, Optional.empty());
    }

    /**
     * As {@link #choose(String, String, Map, Optional, Optional, Setting.Naming)} for a listing whose format says how
     * new its server can be ({@link io.fragscope.source.listing.ListingFormat#newestServer()}): with no version known,
     * that server is assumed rather than Redis 7.0.
     */
    public static CostModel forListing(String explicitVersion, String explicitAllocator, Map<String, Long> config,
                                       Optional<InfoDump> info, io.fragscope.source.listing.ListingFormat format, Setting.Naming naming) {
        return choose(explicitVersion, explicitAllocator, config, info, Optional.empty(), naming,
                format.newestServer().map(v -> new Ceiling(v, format.description())));
    }

    private static CostModel choose(String explicitVersion, String explicitAllocator, Map<String, Long> config,
                                    Optional<InfoDump> info, Optional<Writer> writer, Setting.Naming naming, Optional<Ceiling> newestServer) {
        ServerVersion version = null;
        String why = null;
        if (explicitVersion != null) {
            version = ServerVersion.parse(explicitVersion);
            why = naming.name(Setting.REDIS_VERSION) + " " + KeyName.escapeControls(explicitVersion);
        }
        String unparsed = null;
        if (version == null && writer.isPresent()) {
            Writer w = writer.get();
            if (w.valkeyVer() != null) {
                try { version = ServerVersion.parse("valkey " + w.valkeyVer()); why = "valkey-ver " + KeyName.escapeControls(w.valkeyVer()) + " in the RDB"; }
                catch (IllegalArgumentException e) { unparsed = "valkey-ver '" + KeyName.escapeControls(w.valkeyVer()) + "'"; }
            } else if (w.redisVer() != null) {
                try {
                    version = w.valkeyMagic() ? ServerVersion.parse("valkey " + w.redisVer()) : ServerVersion.parse(w.redisVer());
                    why = "redis-ver " + KeyName.escapeControls(w.redisVer()) + " in the RDB";
                } catch (IllegalArgumentException e) { unparsed = "redis-ver '" + KeyName.escapeControls(w.redisVer()) + "'"; }
            }
        }
        if (version == null && info.isPresent()) {
            InfoDump d = info.get();
            Optional<ServerVersion> v = ServerVersion.ofInfo(d.text("redis_version"), d.text("valkey_version"), d.text("server_name"));
            if (v.isPresent()) {
                version = v.get();
                why = "version of the INFO dump " + d.source();
            }
        }
        if (version == null && writer.isPresent()) {
            version = ServerVersion.ofRdb(writer.get().rdbVersion(), writer.get().valkeyMagic());
            why = "RDB format " + writer.get().rdbVersion() + " (" + (unparsed != null ? unparsed + " does not parse" : "no writer version") + "): assumed " + version;
        }
        if (version == null && newestServer.isPresent()) {
            version = newestServer.get().version();
            why = "no version known; a " + newestServer.get().source() + " comes from a server no newer than " + version + ": assumed " + version;
        }
        if (version == null) {
            version = ServerVersion.redis(7, 0);
            why = "no version known: assumed Redis 7.0";
        }
        ServerVersion v = version;
        AllocatorChoice alloc = explicitAllocator != null ? AllocatorChoice.explicit(explicitAllocator, naming)
                : info.map(i -> AllocatorChoice.infer(i.asMap())).orElseGet(() -> AllocatorChoice.assumed(v));
        boolean cluster = Boolean.TRUE.equals(clusterEnabled(info));
        String policy = info.flatMap(i -> i.text("maxmemory_policy")).orElse("noeviction");
        boolean sharedInts = !(policy.contains("lru") || policy.contains("lfu"));
        return new CostModel(RedisLayout.of(version), alloc, EncodingThresholds.DEFAULTS.withOverrides(config), cluster, sharedInts, why);
    }
}
