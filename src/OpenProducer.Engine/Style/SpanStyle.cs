namespace OpenProducer.Engine.Style;

/// <summary>A style applied to one span of the song only (from a ranged <c>sounds[]</c> item).</summary>
public sealed record SpanStyle(double Start, double End, bool Negative, bool Drums, IReadOnlyList<InstrumentWord> Instruments);
