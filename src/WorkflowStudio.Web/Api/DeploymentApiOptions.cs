namespace WorkflowStudio.Web.Api;

/// <summary>Settings of the deployment API (section <c>Studio:Api</c>).</summary>
public sealed class DeploymentApiOptions
{
    public const string Section = "Studio:Api";

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>A fixed window per API key: at most <see cref="PermitLimit"/> calls every <see cref="WindowSeconds"/>.</summary>
    public sealed class RateLimitOptions
    {
        public int PermitLimit { get; set; } = 600;
        public int WindowSeconds { get; set; } = 60;
    }
}
