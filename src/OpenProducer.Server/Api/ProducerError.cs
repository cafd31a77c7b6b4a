namespace OpenProducer.Server.Api;

/// <summary>An error the API returns, with its documented status, code and message.</summary>
public sealed record ProducerError(int Status, string Code, string Message)
{
    public static ProducerError NoToken() => new(400, "no_token", "No token specified for the request.");
    public static ProducerError InvalidToken() => new(401, "invalid_token", "The specified token is invalid or wrong.");
    public static ProducerError TokenExpired() => new(401, "token_expired", "token expired.");
    public static ProducerError Disabled() => new(400, "disabled", "Your application has been disabled, please contact the operator of this server.");
    public static ProducerError NoApi() => new(404, "no_api", "API does not exist, please make sure url is correct.");
    public static ProducerError NotImplemented() => new(400, "api_not_implemented", "The API is not implemented.");
    public static ProducerError BadRequest(string message) => new(400, "bad_request", message);
    public static ProducerError Invalid(string field) => BadRequest($"{field} is invalid.");
    public static ProducerError Required(string field) => BadRequest($"{field} is required.");
    public static ProducerError UsedUp() => new(403, "used_up", "The balance of your application is used up, please top it up.");
    public static ProducerError TooManyRequests() => new(429, "too_many_requests", "Too many requests, please slow down and try again later.");
    public static ProducerError ApiError(string message = "Internal server error.") => new(500, "api_error", message);
}
