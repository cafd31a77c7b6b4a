namespace OpenProducer.Engine.Composition;

/// <summary>
/// How a genre is mixed: the room's size (0 dry and close … 1 a hall), how hard the bass and pads duck under the
/// kick (0 none … 1 the pumping of a club record), how much parallel compression thickens the drums, how much
/// tempo-synced delay the lead gets, and how wide the chord and pad parts spread.
/// </summary>
public sealed record MixStyle(double Room = 0.6, double Sidechain = 0, double Punch = 0.5, double Delay = 0.2, double Width = 1.0);
