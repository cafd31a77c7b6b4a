using OpenProducer.Engine.Composition;

using OpenProducer.Engine.Core;

namespace OpenProducer.Engine.Art;

/// <summary>
/// Paints a song's cover. The style sets the palette (hue from the genre, lightness from its energy, darker in a
/// minor key) and how busy it is (tempo); the title picks the motif (rings, an equaliser of the melody, mountain
/// ridges, a night sky, a rising sun) and, with the seed, where everything sits; the melody's contour runs across
/// it as a band. Different songs look different; the same song always looks the same.
/// </summary>
public static class CoverArt
{
    public const int Size = 1024;

    private const int Motifs = 5;

    public static byte[] Paint(ComposedSong song, ulong seed, string title = "")
    {
        var rng = new Rng(seed ^ ((ulong)Rng.HashSeed(title) << 17)).Fork("cover");
        var (c1, c2, c3) = Palette(song, title, rng);
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
        int busy = 3 + (int)(song.Score.Tempo / 30);
        switch (title.Length == 0 ? rng.Next(Motifs) : (int)(Rng.HashSeed("motif:" + title) % Motifs))
        {
            case 0:
                for (int r = 0; r < busy; r++)
                    Ring(img, rng.NextDouble() * Size, rng.NextDouble() * Size, 60 + rng.NextDouble() * 300, 4 + rng.NextDouble() * 30, c3, 0.25 + rng.NextDouble() * 0.5);
                break;
            case 1:
                Equaliser(img, song, busy * 4, c3);
                break;
            case 2:
                Ridges(img, busy / 2 + 2, c2, c3, rng);
                break;
            case 3:
                for (int i = 0; i < busy * 25; i++)
                    Disc(img, rng.NextDouble() * Size, rng.NextDouble() * Size * 0.7, 1 + rng.NextDouble() * 3, c3, 0.5 + rng.NextDouble() * 0.5);
                Disc(img, Size * (0.2 + 0.6 * rng.NextDouble()), Size * (0.15 + 0.2 * rng.NextDouble()), 70 + rng.NextDouble() * 60, c3, 0.9);
                break;
            default:
            {
                double cx = Size * (0.3 + 0.4 * rng.NextDouble()), cy = Size * (0.35 + 0.3 * rng.NextDouble());
                for (int ray = 0; ray < busy * 2; ray++)
                {
                    double a = 2 * Math.PI * ray / (busy * 2);
                    for (double d = 140; d < Size; d += 3)
                        Disc(img, cx + Math.Cos(a) * d, cy + Math.Sin(a) * d, 2 + d / 90, c3, 0.35);
                }
                Disc(img, cx, cy, 120, c3, 0.95);
                break;
            }
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

    /// <summary>Bars whose heights follow the melody (or the bass, in an instrumental) across the song.</summary>
    private static void Equaliser(double[] img, ComposedSong song, int bars, double[] color)
    {
        var notes = song.Melody.Count > 0 ? song.Melody.Select(m => m.Pitch).ToList()
            : song.Score.Tracks.SelectMany(t => t.Notes).OrderBy(n => n.Start).Select(n => n.Pitch).ToList();
        if (notes.Count == 0) notes = [60];
        int lo = notes.Min(), hi = Math.Max(lo + 1, notes.Max());
        double width = Size / (double)bars;
        for (int b = 0; b < bars; b++)
        {
            int pitch = notes[(int)((long)b * (notes.Count - 1) / Math.Max(1, bars - 1))];
            double height = Size * (0.15 + 0.5 * (pitch - lo) / (hi - lo));
            for (int y = (int)(Size - height); y < Size; y++)
            for (int x = (int)(b * width + width * 0.15); x < (int)((b + 1) * width - width * 0.15); x++)
                Blend(img, x, y, color, 0.35 + 0.4 * (Size - y) / height);
        }
    }

    /// <summary>Layers of mountain ridges, paler with distance.</summary>
    private static void Ridges(double[] img, int layers, double[] near, double[] far, Rng rng)
    {
        for (int l = 0; l < layers; l++)
        {
            double depth = l / (double)Math.Max(1, layers - 1);
            double baseY = Size * (0.45 + 0.4 * depth), amp = Size * (0.12 - 0.05 * depth);
            double f1 = 2 + rng.NextDouble() * 3, f2 = 7 + rng.NextDouble() * 6, p1 = rng.NextDouble() * 6.3, p2 = rng.NextDouble() * 6.3;
            var color = new double[3];
            for (int c = 0; c < 3; c++) color[c] = far[c] * (1 - depth) + near[c] * depth;
            for (int x = 0; x < Size; x++)
            {
                double u = x / (double)Size;
                double top = baseY - amp * (Math.Sin(u * f1 * Math.PI + p1) + 0.35 * Math.Sin(u * f2 * Math.PI + p2));
                for (int y = Math.Max(0, (int)top); y < Size; y++) Blend(img, x, y, color, 0.85);
            }
        }
    }

    private static void Disc(double[] img, double cx, double cy, double radius, double[] color, double alpha)
    {
        int x0 = (int)Math.Max(0, cx - radius - 1), x1 = (int)Math.Min(Size - 1, cx + radius + 1);
        int y0 = (int)Math.Max(0, cy - radius - 1), y1 = (int)Math.Min(Size - 1, cy + radius + 1);
        for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++)
        {
            double d = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
            if (d < radius + 1) Blend(img, x, y, color, alpha * Math.Clamp(radius + 1 - d, 0, 1));
        }
    }

    private static (double[], double[], double[]) Palette(ComposedSong song, string title, Rng rng)
    {
        // Hue from the genre name (the title turns it a little), lightness from energy, darker in minor keys.
        double hue = (Rng.HashSeed(song.Style.Genre.Name) % 360 + Rng.HashSeed("hue:" + title) % 50 + rng.Next(20)) / 360.0;
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
