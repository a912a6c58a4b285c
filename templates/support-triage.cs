using WorkflowStudio.Core.Building;
using WorkflowStudio.Core.Model;

namespace Workflows;

public static class SupportTriage
{
    public static Workflow Build() => new WorkflowBuilder("support-triage", "Support ticket triage")
        .Description("Finds the support replies that fit a ticket, classifies it, and drafts a billing or a technical reply from those replies.")
        .Input("ticket", i => i.Description("The customer's message").MaxLength(8000))
        .Retrieval("answers", r => r.KnowledgeBase("support-replies").Query("{{ticket}}").TopK(3))
        .Prompt("classify", p => p
            .System("You sort support tickets. Reply with exactly one word: BILLING (payments, charges, invoices, refunds, prices, subscriptions) or TECHNICAL (the product or app not working, errors, setup, connection, firmware).")
            .User("Ticket: {{ticket}}")
            .Temperature(0)
            .MaxTokens(5)
            .Stream(false))
        .Condition("is_billing", "classify.text contains \"BILLING\" or ticket contains \"invoice\" or ticket contains \"refund\" or ticket contains \"charge\"")
        .Prompt("billing", p => p
            .System("You are a friendly billing specialist. Reply to the ticket only from the context, precise about money and next steps. If the context does not cover it, say so.")
            .User("""
                Context:
                {{answers.text}}

                Ticket: {{ticket}}
                """))
        .Prompt("technical", p => p
            .System("You are a patient support engineer. Reply to the ticket only from the context with the troubleshooting steps it gives. If the context does not cover it, say so.")
            .User("""
                Context:
                {{answers.text}}

                Ticket: {{ticket}}
                """))
        .Output("reply", "{{billing.text}}{{technical.text}}")
        .Edge("ticket", "answers")
        .Edge("answers", "classify")
        .Edge("classify", "is_billing")
        .Edge("is_billing.true", "billing")
        .Edge("is_billing.false", "technical")
        .Edge("billing", "reply")
        .Edge("technical", "reply")
        .Layout(
            ("ticket", 40, 60),
            ("answers", 40, 260),
            ("classify", 300, 160),
            ("is_billing", 560, 160),
            ("billing", 820, 60),
            ("technical", 820, 260),
            ("reply", 1080, 160))
        .Build();
}
