package io.fragscope.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.fragscope.Dataset;
import io.fragscope.analysis.where.PrefixTree;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code memory-map.html}: one self-contained page (no network, no library) with an icicle chart per RDB file: memory
 * by key prefix, level by level; click a prefix to zoom into it, click the top bar to go back. Bounded: the prefix
 * tree has at most 2,000 nodes per file ({@link io.fragscope.analysis.reclaim.ProfileCollector}) and the page shows
 * {@link #MAX_DATASETS} files. Key segments are untrusted: they travel as JSON with {@code <} escaped and are put on
 * the page with {@code textContent}, never as markup.
 */
public final class PrefixMapHtml {
    public static final String FILE = "memory-map.html";
    static final int MAX_DATASETS = io.fragscope.Analyzer.PREFIX_MAPS_KEPT; // the run keeps the trees of these files only

    private PrefixMapHtml() {}

    public static boolean wanted(ReportContext ctx) { return ctx.result().datasets().stream().anyMatch(d -> d.profile() != null); }

    public static void write(ReportContext ctx, OutputStream out) throws IOException {
        Messages m = ctx.messages();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"").append(m.locale().getLanguage().isEmpty() ? "en" : m.locale().getLanguage())
                .append("\"><head><meta charset=\"utf-8\"><title>fragscope</title><style>")
                .append("body{font:13px sans-serif;margin:16px}svg{width:100%;border:1px solid #ccc}rect{stroke:#fff;cursor:pointer}")
                .append("text{font-size:11px;pointer-events:none}</style></head><body>\n");
        int n = 0;
        StringBuilder data = new StringBuilder("[");
        for (Dataset d : ctx.result().datasets()) {
            if (d.profile() == null || n == MAX_DATASETS) continue;
            html.append("<h2 id=\"t").append(n).append("\"></h2><svg id=\"m").append(n).append("\" viewBox=\"0 0 1200 200\"></svg>\n");
            if (n > 0) data.append(',');
            data.append(json(m.format("where.map", io.fragscope.source.FileNames.text(d.source())), d.profile().where().prefixes()));
            n++;
        }
        data.append(']');
        html.append("<script>\nconst maps=").append(data.toString().replace("<", "\\u003c")).append(";\n").append(SCRIPT).append("</script></body></html>\n");
        out.write(html.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String json(String title, PrefixTree.Node root) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(b, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("title", title);
            g.writeFieldName("root");
            node(g, root);
            g.writeEndObject();
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private static void node(JsonGenerator g, PrefixTree.Node n) throws IOException {
        g.writeStartObject();
        g.writeStringField("s", n.segment());
        g.writeNumberField("b", n.bytes());
        g.writeNumberField("k", n.keys());
        if (!n.children().isEmpty()) {
            g.writeArrayFieldStart("c");
            for (PrefixTree.Node c : n.children()) node(g, c);
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** Icicle layout: depth rows of 40 px, widths proportional to bytes within the zoomed node. */
    private static final String SCRIPT = """
            const NS='http://www.w3.org/2000/svg';
            function human(b){const u=['B','KiB','MiB','GiB','TiB'];let i=0;while(b>=1024&&i<4){b/=1024;i++}return b.toFixed(i?1:0)+' '+u[i]}
            function depth(n){return 1+(n.c?Math.max(...n.c.map(depth)):0)}
            function draw(svg,root,zoom,zoomName){
              while(svg.firstChild)svg.removeChild(svg.firstChild);
              const W=1200,H=40,d=depth(zoom);svg.setAttribute('viewBox','0 0 '+W+' '+(d*H));
              function put(n,x,w,level,name){
                if(w<0.5)return;
                const r=document.createElementNS(NS,'rect');r.setAttribute('x',x);r.setAttribute('y',level*H);
                r.setAttribute('width',Math.max(0,w-1));r.setAttribute('height',H-2);
                r.setAttribute('fill','hsl('+(30+level*50)%360+',70%,'+(level?65:80)+'%)');
                const t=document.createElementNS(NS,'title');t.textContent=(name||'(all keys)')+' — '+human(n.b)+', '+n.k+' keys';r.appendChild(t);
                r.addEventListener('click',()=>draw(svg,root,level===0?root:n,level===0?'':name));
                svg.appendChild(r);
                if(w>60){const tx=document.createElementNS(NS,'text');tx.setAttribute('x',x+4);tx.setAttribute('y',level*H+24);
                  tx.textContent=((name||'(all keys)')+' '+human(n.b)).slice(0,Math.floor(w/7));svg.appendChild(tx)}
                let cx=x;for(const c of (n.c||[])){const cw=w*c.b/Math.max(1,n.b);put(c,cx,cw,level+1,name+c.s);cx+=cw}
              }
              put(zoom,0,W,0,zoomName);
            }
            maps.forEach((m,i)=>{document.getElementById('t'+i).textContent=m.title;const s=document.getElementById('m'+i);draw(s,m.root,m.root,'')});
            """;
}
