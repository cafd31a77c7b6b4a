namespace OpenProducer.Engine.Lyrics;

/// <summary>What a part of the song is for: the lyric sheet's tags name it, the form and the arrangement follow it.</summary>
public enum SectionKind { Intro, Verse, PreChorus, Chorus, Bridge, Instrumental, Outro }
