package dev.gdq.worker.eval;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The trade-off plots of the quality report, drawn with XChart. */
public final class TradeOffPlot {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;
    private static final String REAL = "real test images";
    private static final Color BLUE = new Color(0x1f77b4);
    private static final Color ORANGE = new Color(0xff7f0e);
    private static final Color PURPLE = new Color(0x9467bd);

    private TradeOffPlot() {
    }

    /** Four panels: accuracy, precision and recall; Frechet distance; Inception Score; precision against recall. */
    public static void writeSweep(SweepResult result, Path png) throws IOException {
        List<Chart<?, ?>> charts = List.of(
                metricChart(result, "Fidelity and diversity", "share", List.of(
                        new Metric("accuracy", QualityMetrics::accuracy, BLUE),
                        new Metric("precision", QualityMetrics::precision, ORANGE),
                        new Metric("recall", QualityMetrics::recall, PURPLE))),
                metricChart(result, "Frechet distance (lower is closer to the data)", "FD",
                        List.of(new Metric("FD", QualityMetrics::frechetDistance, BLUE))),
                metricChart(result, "Inception Score analogue", "IS",
                        List.of(new Metric("IS", QualityMetrics::inceptionScore, BLUE))),
                precisionRecallChart(result));
        BitmapEncoder.saveBitmap(charts, 2, 2, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Every sweep on the same two planes: Frechet distance against Inception Score, precision against recall. */
    public static void writeAll(List<SweepResult> results, Path png) throws IOException {
        XYChart fdIs = xyChart("Frechet distance against Inception Score", "Inception Score", "Frechet distance");
        XYChart pr = xyChart("Precision against recall", "recall", "precision");
        for (SweepResult result : results) {
            fdIs.addSeries(result.sweep().name(), values(result, QualityMetrics::inceptionScore),
                    values(result, QualityMetrics::frechetDistance)).setMarker(SeriesMarkers.CIRCLE);
            pr.addSeries(result.sweep().name(), values(result, QualityMetrics::recall),
                    values(result, QualityMetrics::precision)).setMarker(SeriesMarkers.CIRCLE);
        }
        if (!results.isEmpty()) {
            QualityMetrics real = results.get(0).realImages();
            realPoint(fdIs, real.inceptionScore(), real.frechetDistance());
            realPoint(pr, real.recall(), real.precision());
        }
        for (XYChart chart : List.of(fdIs, pr)) {
            // Sweep names are long and many: a column beside the plot never clips them.
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
        BitmapEncoder.saveBitmap(List.of(fdIs, pr), 1, 2, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private record Metric(String name, ToDoubleFunction<QualityMetrics> value, Color color) {
    }

    /**
     * A line per metric over the settings in order (bars when the sweep has no numeric axis); the held-out real
     * images' value as a dashed line of the same colour.
     */
    private static CategoryChart metricChart(SweepResult result, String title, String yTitle, List<Metric> metrics) {
        boolean numeric = result.sweep().axis() != null;
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(numeric ? result.sweep().axis() : "setting").yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(numeric ? CategorySeries.CategorySeriesRenderStyle.Line
                : CategorySeries.CategorySeriesRenderStyle.Bar);
        // Lines must share one x position per setting; bars side by side stay readable.
        chart.getStyler().setOverlapped(numeric);
        chart.getStyler().setXAxisLabelRotation(numeric ? 0 : 45);
        List<String> labels = result.settings().stream().map(s -> s.setting().label()).toList();
        for (Metric metric : metrics) {
            List<Double> values = result.settings().stream()
                    .map(s -> metric.value().applyAsDouble(s.metrics())).toList();
            CategorySeries series = chart.addSeries(metric.name(), labels, values);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setLineColor(metric.color());
            series.setMarkerColor(metric.color());
            series.setFillColor(metric.color());
        }
        for (Metric metric : metrics) {
            double real = metric.value().applyAsDouble(result.realImages());
            CategorySeries series = chart.addSeries("real: " + metric.name(), labels,
                    labels.stream().map(l -> real).toList());
            series.setLineColor(metric.color());
            series.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
            series.setLineStyle(SeriesLines.DASH_DASH);
            series.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /** Settings as labelled points joined in sweep order, real images as a separate point. */
    private static XYChart precisionRecallChart(SweepResult result) {
        XYChart chart = xyChart("Precision against recall", "recall (diversity)", "precision (fidelity)");
        double[] recall = values(result, QualityMetrics::recall);
        double[] precision = values(result, QualityMetrics::precision);
        XYSeries series = chart.addSeries("settings in sweep order", recall, precision);
        series.setMarker(SeriesMarkers.CIRCLE);
        if (result.sweep().axis() == null) {
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        double lift = 0.03 * (Arrays.stream(precision).max().orElse(1) - Arrays.stream(precision).min().orElse(0));
        for (int i = 0; i < recall.length; i++) {
            chart.addAnnotation(new AnnotationText(result.settings().get(i).setting().label(), recall[i],
                    precision[i] + lift, false));
        }
        realPoint(chart, result.realImages().recall(), result.realImages().precision());
        return chart;
    }

    private static XYChart xyChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        return chart;
    }

    private static void realPoint(XYChart chart, double x, double y) {
        chart.addSeries(REAL, new double[] {x}, new double[] {y})
                .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarker(SeriesMarkers.DIAMOND);
    }

    private static void style(Styler styler) {
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setMarkerSize(7);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setDecimalPattern("#0.###");
    }

    private static double[] values(SweepResult result, ToDoubleFunction<QualityMetrics> metric) {
        List<Double> values = new ArrayList<>();
        for (SettingResult setting : result.settings()) {
            values.add(metric.applyAsDouble(setting.metrics()));
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
