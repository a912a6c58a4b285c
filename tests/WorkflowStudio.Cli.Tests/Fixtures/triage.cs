using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;

namespace Workflows;

public static class SupportTriage
{
    public static Workflow Build() => new WorkflowBuilder("support-triage", "Support ticket triage")
        .Description("Classifies a support ticket and routes it to a billing or a technical reply.")
        .Input("ticket", i => i.Description("The customer's message").MaxLength(8000))
        .Prompt("classify", p => p
            .System("You sort support tickets. Reply with exactly one word: BILLING (payments, charges, invoices, refunds, prices, subscriptions) or TECHNICAL (the product or app not working, errors, setup, connection, firmware).")
            .User("Ticket: {{ticket}}")
            .Temperature(0)
            .MaxTokens(5)
            .Stream(false))
        .Condition("is_billing", "classify.text contains \"BILLING\" or ticket contains \"invoice\" or ticket contains \"refund\" or ticket contains \"charge\"")
        .Prompt("billing", p => p
            .System("You are a friendly billing specialist. Be precise about money and next steps.")
            .User("""
                Draft a reply to this billing ticket:
                {{ticket}}
                """))
        .Prompt("technical", p => p
            .System("You are a patient support engineer. Give numbered troubleshooting steps.")
            .User("""
                Draft a reply to this technical ticket:
                {{ticket}}
                """))
        .Output("reply", "{{billing.text}}{{technical.text}}")
        .Edge("ticket", "classify")
        .Edge("classify", "is_billing")
        .Edge("is_billing.true", "billing")
        .Edge("is_billing.false", "technical")
        .Edge("billing", "reply")
        .Edge("technical", "reply")
        .Layout(
            ("ticket", 40, 160),
            ("classify", 300, 160),
            ("is_billing", 560, 160),
            ("billing", 820, 60),
            ("technical", 820, 260),
            ("reply", 1080, 160))
        .Build();
}
