namespace OpenProducer.Engine.Style;

/// <summary>One <c>sounds[]</c> item: a style text, how strongly it pulls (negative pushes away), and an optional span in seconds.</summary>
public sealed record SoundPrompt(string Text, double Strength, double? TimeStart = null, double? TimeEnd = null)
{
    public bool Ranged => TimeStart is not null || TimeEnd is not null;
}
