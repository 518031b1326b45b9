package io.fragscope.spark;

import io.fragscope.analysis.info.CaptureTime;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The driver's list of files, biggest first: from a manifest (a CSV or TSV file with a {@code path} column and
 * optional {@code cluster}, {@code shard}, {@code instance}, {@code captured_at}) or from a glob or folder.
 *
 * <p>From a glob, the folders below its fixed part name the cluster and shard:
 * {@code fleet/CLUSTER/SHARD/…/file} (the first folder is the cluster, the file's own folder the shard);
 * a file one folder deep is a shard of the cluster named by the fixed part's last folder; a file right in it is
 * its own shard, named by its file-name stem ({@code cache-01-20261124-042923.txt} → {@code cache-01}; a name
 * without a timestamp is its own stem). Hidden files
 * ({@code .}, {@code _}) are left out.
 */
final class FleetInputs {
    private FleetInputs() {}

    static final Set<String> MANIFEST_COLUMNS = Set.of("path", "cluster", "shard", "instance", "captured_at");

    static List<FleetInput> resolve(String spec, Configuration conf) throws IOException {
        Path p = new Path(spec);
        FileSystem fs = p.getFileSystem(conf);
        List<FleetInput> out = isManifest(fs, p) ? manifest(fs, p, conf) : glob(fs, p);
        out.sort(Comparator.comparingLong(FleetInput::sizeBytes).reversed().thenComparing(FleetInput::path));
        return out;
    }

    private static boolean isManifest(FileSystem fs, Path p) throws IOException {
        String name = p.getName().toLowerCase(java.util.Locale.ROOT);
        if (!(name.endsWith(".csv") || name.endsWith(".tsv")) || hasWildcard(p.toString()) || !fs.isFile(p)) return false;
        try (var in = fs.open(p)) {
            String first = new String(in.readNBytes(4096), StandardCharsets.UTF_8).lines().findFirst().orElse("");
            List<String> header = List.of(first.trim().toLowerCase(java.util.Locale.ROOT).split("[,\t]"));
            return header.contains("path") && MANIFEST_COLUMNS.containsAll(header);
        }
    }

    private static List<FleetInput> manifest(FileSystem fs, Path manifest, Configuration conf) throws IOException {
        char delimiter = manifest.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".tsv") ? '\t' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        List<FleetInput> out = new ArrayList<>();
        try (Reader r = new InputStreamReader(fs.open(manifest), StandardCharsets.UTF_8); CSVParser parser = CSVParser.parse(r, format)) {
            for (CSVRecord rec : parser) {
                Path file = new Path(rec.get("path"));
                if (!file.isAbsolute() && file.toUri().getScheme() == null) file = new Path(manifest.getParent(), file);
                String shard = cell(rec, "shard");
                String instance = cell(rec, "instance");
                FileSystem ffs = file.getFileSystem(conf);
                file = ffs.makeQualified(file);
                long size = -1, modified = -1;
                try {
                    FileStatus st = ffs.getFileStatus(file);
                    size = st.getLen();
                    modified = st.getModificationTime();
                } catch (IOException e) {
                    // listed but not there: the task reports it in the inputs table, as any unreadable file
                }
                if (shard.isEmpty()) shard = stem(file.getName());
                out.add(new FleetInput(file.toString(), orDefault(cell(rec, "cluster")), shard, instance.isEmpty() ? shard : instance,
                        cell(rec, "captured_at"), size, modified));
            }
        }
        return out;
    }

    private static List<FleetInput> glob(FileSystem fs, Path pattern) throws IOException {
        Path qualified = fs.makeQualified(pattern);
        Path base = !hasWildcard(pattern.toString()) && fs.isFile(qualified) ? qualified.getParent() : fixedPart(qualified);
        FileStatus[] matched = fs.globStatus(pattern);
        List<FleetInput> out = new ArrayList<>();
        if (matched == null) return out;
        for (FileStatus st : matched) {
            if (st.isDirectory()) {
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(st.getPath(), true);
                while (it.hasNext()) add(out, base, it.next());
            } else {
                add(out, base, st);
            }
        }
        return out;
    }

    private static void add(List<FleetInput> out, Path base, FileStatus st) {
        Path file = st.getPath();
        List<String> rel = relative(base, file);
        for (String segment : rel) if (segment.startsWith(".") || segment.startsWith("_")) return;
        // the one folder rule of analyze and the job (FleetPlacement), so both roll the same files up alike
        io.fragscope.analysis.rollup.FleetPlacement at = io.fragscope.analysis.rollup.FleetPlacement.of(base.getName(), rel);
        String cluster = at.cluster(), shard = at.shard();
        out.add(new FleetInput(file.toString(), cluster, shard, shard, "", st.getLen(), st.getModificationTime()));
    }

    /** The folders and file name of {@code file} below {@code base}; just the name when it is not below. */
    static List<String> relative(Path base, Path file) {
        String b = base.toUri().getPath(), f = file.toUri().getPath();
        if (!b.endsWith("/")) b = b + "/";
        if (!f.startsWith(b)) return List.of(file.getName());
        return List.of(f.substring(b.length()).split("/"));
    }

    /** The glob's folders before its first wildcard (a plain folder is its own fixed part). */
    static Path fixedPart(Path pattern) {
        Path q = pattern;
        while (q != null && hasWildcard(q.toUri().getPath())) q = q.getParent();
        return q == null ? pattern : q;
    }

    private static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }

    private static String stem(String name) {
        return CaptureTime.stem(name).orElse(name);
    }

    private static String cell(CSVRecord rec, String column) {
        return rec.isMapped(column) && rec.isSet(column) ? rec.get(column).trim() : "";
    }

    private static String orDefault(String cluster) {
        return cluster == null || cluster.isEmpty() ? "default" : cluster;
    }
}
