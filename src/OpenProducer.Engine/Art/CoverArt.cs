using OpenProducer.Engine.Composition;

namespace OpenProducer.Engine.Art;

/// <summary>
/// Paints a song's cover: a palette from its genre and mood, a gradient sky, and rings and waves whose
/// positions come from the seed and whose count follows the tempo. Different songs look different.
/// </summary>
public static class CoverArt
{
    public const int Size = 1024;

    public static byte[] Paint(Composition.Composition song, ulong seed)
    {
        var rng = new Rng(seed).Fork("cover");
        var (c1, c2, c3) = Palette(song, rng);
        var img = new double[Size * Size * 3];
        double angle = rng.NextDouble() * Math.PI;
        double ca = Math.Cos(angle), sa = Math.Sin(angle);
        for (int y = 0; y < Size; y++)
        for (int x = 0; x < Size; x++)
        {
            double u = x / (double)Size - 0.5, v = y / (double)Size - 0.5;
            double t = Math.Clamp((u * ca + v * sa) + 0.5, 0, 1);
            int o = (y * Size + x) * 3;
            for (int c = 0; c < 3; c++) img[o + c] = c1[c] * (1 - t) + c2[c] * t;
        }
        int rings = 3 + (int)(song.Score.Tempo / 30);
        for (int r = 0; r < rings; r++)
        {
            double cx = rng.NextDouble() * Size, cy = rng.NextDouble() * Size;
            double radius = 60 + rng.NextDouble() * 300, width = 4 + rng.NextDouble() * 30, alpha = 0.25 + rng.NextDouble() * 0.5;
            Ring(img, cx, cy, radius, width, c3, alpha);
        }
        // A waveform band drawn from the melody's contour.
        var melody = song.Melody;
        if (melody.Count > 1)
        {
            int lo = melody.Min(m => m.Pitch), hi = Math.Max(lo + 1, melody.Max(m => m.Pitch));
            double baseY = Size * (0.6 + 0.2 * rng.NextDouble());
            for (int x = 0; x < Size; x++)
            {
                var m = melody[(int)((long)x * (melody.Count - 1) / Size)];
                double y0 = baseY - (m.Pitch - lo) / (double)(hi - lo) * Size * 0.25;
                for (int y = (int)y0; y < Math.Min(Size, (int)y0 + 6); y++)
                    Blend(img, x, y, c3, 0.8);
            }
        }
        var bytes = new byte[img.Length];
        for (int i = 0; i < img.Length; i++) bytes[i] = (byte)Math.Clamp(img[i] * 255, 0, 255);
        return bytes;
    }

    private static (double[], double[], double[]) Palette(Composition.Composition song, Rng rng)
    {
        // Hue from the genre name, lightness from energy, darker in minor keys.
        double hue = (Rng.HashSeed(song.Style.Genre.Name) % 360 + rng.Next(40)) / 360.0;
        double light = 0.35 + 0.3 * song.Style.Energy - (song.Score.Minor ? 0.12 : 0);
        return (Hsl(hue, 0.6, light), Hsl((hue + 0.15) % 1, 0.7, light * 0.6), Hsl((hue + 0.5) % 1, 0.8, 0.75));
    }

    private static void Ring(double[] img, double cx, double cy, double radius, double width, double[] color, double alpha)
    {
        int x0 = (int)Math.Max(0, cx - radius - width), x1 = (int)Math.Min(Size - 1, cx + radius + width);
        int y0 = (int)Math.Max(0, cy - radius - width), y1 = (int)Math.Min(Size - 1, cy + radius + width);
        for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++)
        {
            double d = Math.Abs(Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) - radius);
            if (d < width) Blend(img, x, y, color, alpha * (1 - d / width));
        }
    }

    private static void Blend(double[] img, int x, int y, double[] color, double alpha)
    {
        if ((uint)x >= Size || (uint)y >= Size) return;
        int o = (y * Size + x) * 3;
        for (int c = 0; c < 3; c++) img[o + c] = img[o + c] * (1 - alpha) + color[c] * alpha;
    }

    private static double[] Hsl(double h, double s, double l)
    {
        double q = l < 0.5 ? l * (1 + s) : l + s - l * s, p = 2 * l - q;
        double Channel(double t)
        {
            t = (t % 1 + 1) % 1;
            return t < 1 / 6.0 ? p + (q - p) * 6 * t : t < 0.5 ? q : t < 2 / 3.0 ? p + (q - p) * (2 / 3.0 - t) * 6 : p;
        }
        return [Channel(h + 1 / 3.0), Channel(h), Channel(h - 1 / 3.0)];
    }
}
