namespace OrderService.Api
{
    /// <summary>What the HTTP layer returns (kept framework-free so the sample needs no web host).</summary>
    public sealed record ApiResponse(int StatusCode, string? Location)
    {
        public static ApiResponse Created(string location) => new(201, location);

        public static ApiResponse Accepted(string location) => new(202, location);

        public static ApiResponse NotFound() => new(404, null);

        public static ApiResponse Conflict() => new(409, null);
    }

    public sealed record PlaceOrder(string CustomerId, decimal Amount);
}
