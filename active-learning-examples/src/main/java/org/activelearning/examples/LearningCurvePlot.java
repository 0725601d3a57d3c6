package org.activelearning.examples;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Writes learning curves (test accuracy against the number of labels) as PNG with XChart. */
public final class LearningCurvePlot {

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x7f7f7f),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x17becf), new Color(0x8c564b)
    };

    /**
     * One curve.
     *
     * @param name the legend name
     * @param labels the number of labels at each point, increasing
     * @param mean the accuracy at each point
     * @param sd the spread at each point for a band of mean ± sd, or null for no band
     */
    public record Curve(String name, double[] labels, double[] mean, double[] sd) {

        /**
         * Validates lengths.
         *
         * @param name the legend name
         * @param labels the number of labels at each point, increasing
         * @param mean the accuracy at each point
         * @param sd the spread at each point for a band of mean ± sd, or null for no band
         */
        public Curve {
            if (labels.length != mean.length || (sd != null && sd.length != mean.length)) {
                throw new IllegalArgumentException("Curve '" + name + "' needs equally long label, mean and sd arrays");
            }
        }
    }

    private LearningCurvePlot() {}

    /**
     * Writes the curves to a PNG (atomically, so a viewer never sees half a file).
     *
     * @param file the PNG file
     * @param title the chart title
     * @param curves the curves; empty curves are left out
     * @throws IOException if writing fails
     */
    public static void write(Path file, String title, List<Curve> curves) throws IOException {
        write(file, title, curves, "labeled images");
    }

    /**
     * Writes the curves to a PNG with another x axis (atomically).
     *
     * @param file the PNG file
     * @param title the chart title
     * @param curves the curves; empty curves are left out
     * @param xAxis the x axis title
     * @throws IOException if writing fails
     */
    public static void write(Path file, String title, List<Curve> curves, String xAxis) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
                .xAxisTitle(xAxis).yAxisTitle("test accuracy").build();
        // the legend sits below the plot, where it can never hide a point
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        double[] range = yRange(curves);
        chart.getStyler().setYAxisMin(range[0]);
        chart.getStyler().setYAxisMax(range[1]);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
        chart.getStyler().setYAxisDecimalPattern("0.00");
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        int i = 0;
        for (Curve c : curves) {
            if (c.labels().length == 0) {
                continue;
            }
            Color color = PALETTE[i++ % PALETTE.length];
            if (c.sd() != null && c.labels().length > 1) {
                int n = c.labels().length;
                double[] bx = new double[2 * n];
                double[] by = new double[2 * n];
                for (int k = 0; k < n; k++) {
                    bx[k] = c.labels()[k];
                    by[k] = c.mean()[k] + c.sd()[k];
                    bx[2 * n - 1 - k] = c.labels()[k];
                    by[2 * n - 1 - k] = c.mean()[k] - c.sd()[k];
                }
                XYSeries band = chart.addSeries(c.name() + " spread", bx, by);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                band.setMarker(SeriesMarkers.NONE);
                band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 50));
                band.setLineColor(new Color(0, 0, 0, 0));
                band.setShowInLegend(false);
            }
            XYSeries s = chart.addSeries(c.name(), c.labels(), c.mean());
            s.setMarker(c.labels().length == 1 ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
            s.setLineColor(color);
            s.setMarkerColor(color);
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // a plain sibling (not createTempFile, whose files are private): the PNG gets the same mode as the
        // session's other files
        Path tmp = parent.resolve(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The y axis range: the data (with their bands) padded by a tenth of their span, at least 0.1
     * wide so that a difference of two test images does not fill the plot, within [0, 1].
     *
     * @param curves the curves
     * @return {min, max}
     */
    static double[] yRange(List<Curve> curves) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Curve c : curves) {
            for (int k = 0; k < c.mean().length; k++) {
                double sd = c.sd() == null || !Double.isFinite(c.sd()[k]) ? 0 : c.sd()[k];
                if (Double.isFinite(c.mean()[k])) {
                    lo = Math.min(lo, c.mean()[k] - sd);
                    hi = Math.max(hi, c.mean()[k] + sd);
                }
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        double pad = (hi - lo) / 10;
        lo -= pad;
        hi += pad;
        if (hi - lo < 0.1) {
            double mid = (lo + hi) / 2;
            lo = mid - 0.05;
            hi = mid + 0.05;
        }
        if (lo < 0) {
            hi = Math.min(1, hi - lo);
            lo = 0;
        }
        if (hi > 1) {
            lo = Math.max(0, lo - (hi - 1));
            hi = 1;
        }
        return new double[] {lo, hi};
    }
}
