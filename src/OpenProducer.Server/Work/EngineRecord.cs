using OpenProducer.Engine.Composition;
using OpenProducer.Engine.Mix;

namespace OpenProducer.Server.Work;

/// <summary>What the engine needs to render a stored song again exactly: the request it composed, how it was mastered.</summary>
public sealed record EngineRecord(CompositionRequest Request, MasterReport Master);
