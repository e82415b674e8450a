using BillingFunctions.App.Api;
using BillingFunctions.App.Dunning;
using BillingFunctions.App.Health;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.MonthEnd;
using BillingFunctions.App.Notifications;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Reminders;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Webhooks;

namespace BillingFunctions.App;

/// <summary>Every function of the app. function.json, the endpoints and the local trigger runner all come from here.</summary>
public static class AppFunctions
{
    public static IReadOnlyList<FunctionDeclaration> All { get; } =
    [
        HealthFunction.Declaration,
        StripeWebhookFunction.Declaration,
        ApplyStripeEventFunction.Declaration,
        SweepStripeEventsFunction.Declaration,
        SendOutboxEmailFunction.Declaration,
        ApiFunction.Declaration,
        OverdueSweep.Declaration,
        ReadCopyRepair.Declaration,
        Analytics.MrrMonthClose.Declaration,
        StepRenewalFunction.Declaration,
        SweepRenewalsFunction.Declaration,
        FindDueRenewalsFunction.Declaration,
        StepDunningFunction.Declaration,
        SweepDunningFunction.Declaration,
        ProcessInstanceFunction.Declaration,
        ProcessInstanceFunction.Resume,
        MonthEndOpener.Declaration,
        StepMonthEndInvoicingFunction.Declaration,
        SweepMonthEndInvoicingFunction.Declaration,
        StepRemindersFunction.Declaration,
        SweepRemindersFunction.Declaration,
    ];
}
