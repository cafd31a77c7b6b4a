namespace OpenProducer.Server.Storage;

public enum TopUpOutcome { Done, NotFound, Unlimited, OverMaximum }

/// <summary>What a top-up did: the new balance when done, else why it was not (the balance is then unchanged).</summary>
public sealed record TopUp(TopUpOutcome Outcome, long? Balance)
{
    /// <summary>The sentence an operator reads when the top-up was not done.</summary>
    public string Problem(string what) => Outcome switch
    {
        TopUpOutcome.NotFound => $"No {what} with this id.",
        TopUpOutcome.Unlimited => $"This {what} has no balance limit.",
        TopUpOutcome.OverMaximum => $"credits is invalid: the balance ({Balance}) would pass {Credits.Max}, the most a balance may hold.",
        _ => "",
    };
}
