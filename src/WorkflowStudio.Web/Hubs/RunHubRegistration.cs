using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using WorkflowStudio.Studio.Configuration;

namespace WorkflowStudio.Web.Hubs;

public static class RunHubRegistration
{
    // Ids, input names and framing around the input text.
    private const long Envelope = 64 * 1024;

    /// <summary>
    /// The most bytes one StartRun may take: the inputs the studio accepts (Studio:Limits:MaxInputChars), each character
    /// taking at worst six bytes in the JSON (a control character escaped as \uXXXX), plus the envelope. SignalR's own default (32 KB) dropped the connection
    /// on a run the studio would have accepted; inputs within this bound but past MaxInputChars reach the validator, whose
    /// sentence fails the run.
    /// </summary>
    public static long MaxMessageBytes(int maxInputChars) => maxInputChars * 6L + Envelope;

    /// <summary>SignalR, with the run hub's message limit taken from the studio's input limit.</summary>
    public static IServiceCollection AddRunHub(this IServiceCollection services)
    {
        // A message past even that closes the connection with SignalR's sentence naming the size, not a bare "closed with
        // an error". Every error the hub raises on purpose is a HubException, sent in any case. AddHubOptions also makes
        // SignalR read this hub's options rather than the global ones.
        services.AddSignalR().AddHubOptions<RunHub>(hub => hub.EnableDetailedErrors = true);
        services.AddOptions<HubOptions<RunHub>>().Configure<IOptions<StudioOptions>>((hub, studio) =>
            hub.MaximumReceiveMessageSize = MaxMessageBytes(studio.Value.Limits.MaxInputChars));
        return services;
    }
}
