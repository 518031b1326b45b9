package io.fragscope.report;

import io.fragscope.report.table.FileRenderer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A format that writes one file per table ({@link ReportTables#ALL}) through a {@link FileRenderer}: CSV; Parquet would be another. */
final class TableFiles implements ReportFormat.Writer {
    private final FileRenderer renderer;

    TableFiles(FileRenderer renderer) { this.renderer = renderer; }

    @Override
    public List<Path> write(OutputFolder out, ReportContext ctx) throws IOException {
        List<Path> written = new ArrayList<>();
        for (ReportTables.Bound<?> b : ReportTables.ALL) if (b.present().test(ctx.result())) written.add(write(out, ctx, b));
        return written;
    }

    private <R> Path write(OutputFolder out, ReportContext ctx, ReportTables.Bound<R> b) throws IOException {
        return out.write(b.table().fileName(renderer.extension()), o -> renderer.render(b.table(), b.rows().apply(ctx), o));
    }

    @Override
    public List<String> files() {
        return ReportTables.ALL.stream().map(b -> b.table().fileName(renderer.extension())).toList();
    }
}
