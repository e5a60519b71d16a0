using ClinicalTrials.Core.Sap;
using ClinicalTrials.Statistics.Data;
using ClinicalTrials.Statistics.Methods.Regression;

namespace ClinicalTrials.Statistics.Methods.Logistic;

/// <summary>A site's design matrix (row-major, n×p) and 0/1 outcome for one logistic spec, built once per table.</summary>
internal sealed class LogisticData
{
    private LogisticData(int n, int p, double[] x, double[] y)
    {
        N = n;
        P = p;
        X = x;
        Y = y;
    }

    public int N { get; }

    public int P { get; }

    public double[] X { get; }

    public double[] Y { get; }

    public static string Key(LogisticSpec spec) =>
        $"logistic|{spec.Outcome.Name}|{spec.Outcome.Event}|{System.Text.Json.JsonSerializer.Serialize(spec.Terms, SapJson.Options)}";

    public static LogisticData Build(SiteTable table, LogisticSpec spec)
    {
        var design = DesignMatrix.Build(table, spec.Terms, intercept: true, [spec.Outcome.Name]);
        var y = BinaryValues.Read(table, spec.Outcome, design.Rows, "outcome");
        var x = new double[design.N * design.P];
        for (var i = 0; i < design.N; i++) design.Row(i).CopyTo(x.AsSpan(i * design.P));
        return new LogisticData(design.N, design.P, x, y);
    }
}
