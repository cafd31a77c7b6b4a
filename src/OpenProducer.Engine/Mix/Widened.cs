using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OpenProducer.Engine.Mix;

/// <summary>
/// Two float samples to double precision in one conversion of a whole register. The JIT converts a single float with
/// an instruction that keeps the rest of its destination register; when that register last held the previous sample's
/// result, each sample of a serial loop waits on the one before through the conversion. This has no such tie.
/// </summary>
internal static class Widened
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Pair(float left, float right) => Vector128.WidenLower(Vector128.Create(left, right, 0f, 0f));

    /// <summary>(left² + right²) / 2 in double precision: a stereo detector's mean square.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MeanSquare(float left, float right)
    {
        var v = Pair(left, right);
        v *= v;
        return (v.ToScalar() + v.GetElement(1)) / 2;
    }
}
