package dev.gdq.worker.eval;

import dev.gdq.protocol.ModelManifest;
import dev.gdq.protocol.WireCodec;
import java.util.List;
import java.util.Locale;

/** The Markdown tables of the quality report. */
public final class EvalReport {

    private EvalReport() {
    }

    /**
     * One sweep: how it was sampled, then a row per setting and one for held-out real images.
     *
     * @param gridLinks per setting, the path of its sample grid relative to where the table will live
     */
    public static String sweepTable(SweepResult result, ModelManifest model, List<String> gridLinks) {
        Sweep sweep = result.sweep();
        StringBuilder out = new StringBuilder();
        out.append("### ").append(sweep.title()).append(" (`").append(sweep.name()).append("`)\n\n");
        out.append(String.format(Locale.ROOT, "Model `%s` %s; %d images per class x %d classes per setting, seed %d;"
                        + " k-NN precision and recall with k = %d.%n%n", model.name(), model.version(),
                sweep.imagesPerClass(), model.classNames().size(), sweep.seed(), QualityMetrics.NEIGHBOURS));
        out.append("| setting | accuracy | FD | IS | precision | recall | sampling s | sampler | guidance |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (int i = 0; i < result.settings().size(); i++) {
            SettingResult setting = result.settings().get(i);
            out.append(row("[" + setting.setting().label() + "](" + gridLinks.get(i) + ")", setting.metrics(),
                    String.format(Locale.ROOT, "%.1f", setting.samplingSeconds()),
                    "`" + WireCodec.writeString(setting.setting().sampler()) + "`",
                    setting.setting().guidance() == null ? "none (s = 1)"
                            : "`" + WireCodec.writeString(setting.setting().guidance()) + "`"));
        }
        out.append(row("real test images (held out)", result.realImages(), "", "", ""));
        return out.toString();
    }

    private static String row(String label, QualityMetrics m, String seconds, String sampler, String guidance) {
        return String.format(Locale.ROOT, "| %s | %.3f | %.2f | %.2f | %.3f | %.3f | %s | %s | %s |%n", label,
                m.accuracy(), m.frechetDistance(), m.inceptionScore(), m.precision(), m.recall(), seconds, sampler,
                guidance);
    }
}
