using Friday.Application.Common.Events;
using Friday.Application.Common.Interfaces;
using Friday.Application.Notifications;
using Friday.Application.Realtime;
using Friday.Domain.Notifications;
using Friday.Domain.Realtime;
using Friday.Infrastructure.Backplane;
using Friday.Infrastructure.EventLog;
using Friday.Infrastructure.Identity;
using Friday.Infrastructure.Notifications;
using Friday.Infrastructure.Notifications.Email;
using Friday.Infrastructure.Notifications.Intake;
using Friday.Infrastructure.Persistence;
using Friday.Infrastructure.Realtime;
using Friday.Infrastructure.Realtime.Security;
using MediatR;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class DependencyInjection
{
    /// <summary>Persistence, authentication and the realtime adapter, configured from validated options.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        AddPersistence(services, configuration);
        AddIdentity(services, configuration);
        AddRealtime(services, configuration);
        AddNotifications(services, configuration);
        AddEventLog(services, configuration);
        AddBackplane(services, configuration);
        AddSystemStatus(services, configuration);
        return services;
    }

    /// <summary>Last: its first broadcast goes through the event log and the backplane.</summary>
    private static void AddSystemStatus(IServiceCollection services, IConfiguration configuration)
    {
        AddValidatedOptions<SystemStatusOptions>(services, configuration, SystemStatusOptions.SectionName);
        services.AddHostedService<SystemStatusService>();
    }

    private static void AddPersistence(IServiceCollection services, IConfiguration configuration)
    {
        AddValidatedOptions<DatabaseOptions>(services, configuration, DatabaseOptions.SectionName);
        // Pooled: every WebSocket connect reads the database twice, and building a fresh context's
        // EF Core services each time was a sixth of a connect's CPU (bench/results/analysis.md).
        // Each scope leases a context and names itself as the scope that context serves.
        services.AddPooledDbContextFactory<FridayDbContext>((sp, options) =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            switch (database.Provider)
            {
                case DatabaseProvider.Sqlite:
                    options.UseSqlite(database.ConnectionString).AddInterceptors(SqlitePragmas.Instance);
                    break;
                case DatabaseProvider.Postgres:
                    options.UseNpgsql(database.ConnectionString);
                    break;
                case DatabaseProvider.SqlServer:
                    options.UseSqlServer(database.ConnectionString);
                    break;
                default:
                    throw new InvalidOperationException($"Database:Provider '{database.Provider}' is unknown; use Sqlite, Postgres or SqlServer.");
            }

            // Migrations are written by hand without a model snapshot (see docs/decisions).
            options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });
        services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<FridayDbContext>>().CreateDbContext();
            db.Scope = sp;
            return db;
        });
        services.AddSingleton(sp => new SqliteWriteGate(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Sqlite));
        services.AddScoped<IFridayDbContext, FridayDbContextAdapter>();
        services.AddHostedService<DatabaseMigrator>();
        services.AddHealthChecks().AddDbContextCheck<FridayDbContext>("database", tags: ["ready"]);
    }

    private static void AddIdentity(IServiceCollection services, IConfiguration configuration)
    {
        AddValidatedOptions<JwtOptions>(services, configuration, JwtOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>());
        services.AddSingleton<ITokenIssuer, JwtTokenIssuer>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Publisher, p => p.RequireRole(Roles.Admin, Roles.Service));
    }

    private static void AddEventLog(IServiceCollection services, IConfiguration configuration)
    {
        AddValidatedOptions<EventLogOptions>(services, configuration, EventLogOptions.SectionName);
        services.AddScoped<IStreamOutbox, StreamOutbox>();
        services.AddSingleton<GroupCommitBroadcastWriter>();
        services.AddSingleton<IBroadcastWriter>(sp => sp.GetRequiredService<GroupCommitBroadcastWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<GroupCommitBroadcastWriter>());
        services.AddSingleton(sp => new StreamPublisher(
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<IStreamBackplane>(),
            sp.GetRequiredService<OrderedStreamDelivery>(),
            sp.GetRequiredService<NotificationDeliveries>(),
            sp.GetRequiredService<SqliteWriteGate>(),
            sp.GetRequiredService<IOptions<EventLogOptions>>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<StreamPublisher>>()));
        services.AddSingleton<StreamHistory>();
        services.AddHostedService<StreamSweepService>();
        services.AddHostedService<EventLogRetentionService>();
    }

    /// <summary>
    /// Registered after the event log, so the newest seq is loaded before the broker's first message.
    /// </summary>
    private static void AddBackplane(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NodeOptions>()
            .Bind(configuration.GetSection(NodeOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Id), "Node:Id must not be empty.")
            .ValidateOnStart();
        // The logger factory takes its scope provider from the container: every log entry names the node.
        services.AddSingleton<Microsoft.Extensions.Logging.IExternalScopeProvider>(sp => new NodeLogScope(sp.GetRequiredService<IOptions<NodeOptions>>().Value.Id));
        AddValidatedOptions<BackplaneOptions>(services, configuration, BackplaneOptions.SectionName)
            .Validate(o => o.Provider != BackplaneProvider.RabbitMq || Uri.TryCreate(o.ConnectionString, UriKind.Absolute, out _), "Backplane:ConnectionString must be an amqp:// URI when Backplane:Provider is RabbitMq.");
        services.AddSingleton(sp => new OrderedStreamDelivery(
            sp.GetRequiredService<WebSocketManager>(),
            sp.GetRequiredService<StreamHistory>(),
            sp.GetRequiredService<NotificationDeliveries>(),
            sp.GetRequiredService<IOptions<BackplaneOptions>>(),
            sp.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<OrderedStreamDelivery>>()));
        if (configuration.GetValue<BackplaneProvider>($"{BackplaneOptions.SectionName}:{nameof(BackplaneOptions.Provider)}") == BackplaneProvider.RabbitMq)
        {
            services.AddSingleton(sp => new RabbitMqBackplane(
                sp.GetRequiredService<OrderedStreamDelivery>(),
                sp.GetRequiredService<WebSocketManager>(),
                sp.GetRequiredService<IOptions<BackplaneOptions>>(),
                sp.GetRequiredService<IOptions<NodeOptions>>(),
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RabbitMqBackplane>>()));
            services.AddSingleton<IStreamBackplane>(sp => sp.GetRequiredService<RabbitMqBackplane>());
            services.AddHostedService(sp => sp.GetRequiredService<RabbitMqBackplane>());
        }
        else
        {
            services.AddSingleton<IStreamBackplane>(sp => new InProcessBackplane(sp.GetRequiredService<OrderedStreamDelivery>(), sp.GetRequiredService<WebSocketManager>()));
        }

        services.AddHealthChecks().AddCheck<BackplaneHealthCheck>("backplane", tags: ["ready"]);
    }

    private static void AddNotifications(IServiceCollection services, IConfiguration configuration)
    {
        AddValidatedOptions<NotificationOptions>(services, configuration, NotificationOptions.SectionName);
        services.AddSingleton<NotificationDeliveries>();
        services.AddSingleton<INotificationHandler<DomainEventNotification<NotificationCreated>>, CreatedNotificationsCounter>();
        services.AddSingleton<PendingNotifications>();
        services.AddHostedService<TaskReminderService>();
        services.AddHostedService<NotificationRetentionService>();

        AddValidatedOptions<EmailOptions>(services, configuration, EmailOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>());
        services.AddSingleton<IEmailDelivery, EmailDelivery>();
        services.AddHostedService<EmailDispatchService>();

        AddValidatedOptions<NotificationIntakeOptions>(services, configuration, NotificationIntakeOptions.SectionName)
            .Validate(o => !o.IsEnabled || (Uri.TryCreate(o.Uri, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps"), "NotificationIntake:RabbitMq:Uri must be an amqp:// or amqps:// URI.");
        services.AddHostedService<RabbitMqNotificationIntake>();
    }

    private static void AddRealtime(IServiceCollection services, IConfiguration configuration)
    {
        AddValidatedOptions<RealtimeOptions>(services, configuration, RealtimeOptions.SectionName);
        AddValidatedOptions<RealtimeSecurityOptions>(services, configuration, RealtimeOptions.SectionName)
            .Validate(o => o.RateLimitCloseGraceSeconds < o.RateLimitCloseWindowSeconds, "Realtime:RateLimitCloseGraceSeconds must be less than Realtime:RateLimitCloseWindowSeconds: no rejection would ever count.");
        services.AddSingleton<ConnectionTokenValidator>();
        services.AddSingleton<ConnectionGuards>();
        services.AddSingleton<ConnectionSlots>();
        services.AddMetrics();
        services.AddSingleton<RealtimeMetrics>();
        services.AddSingleton<WebSocketManager>();
        services.AddSingleton<IWebSocketManager>(sp => new BackplaneSockets(sp.GetRequiredService<WebSocketManager>(), sp.GetRequiredService<IStreamBackplane>()));
        services.AddSingleton<ClientMessageHandler>();
        // Public for WebApi, but their constructors are internal because they take internal types; the
        // container only calls public constructors, so these two are built by hand.
        services.AddSingleton(sp => new WebSocketSession(
            sp.GetRequiredService<WebSocketManager>(),
            sp.GetRequiredService<ClientMessageHandler>(),
            sp.GetRequiredService<StreamPublisher>(),
            sp.GetRequiredService<RealtimeMetrics>(),
            sp.GetRequiredService<IOptions<RealtimeOptions>>(),
            sp.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<WebSocketSession>>(),
            sp.GetRequiredService<ConnectionGuards>(),
            sp.GetRequiredService<ConnectionTokenValidator>(),
            sp.GetRequiredService<ConnectionSlots>()));
        services.AddSingleton(sp => new RealtimeStats(sp.GetRequiredService<WebSocketManager>(), sp.GetRequiredService<RealtimeMetrics>(), sp.GetRequiredService<IOptions<NodeOptions>>().Value.Id));
        services.AddHostedService<HeartbeatService>();
        services.AddHostedService<GracefulShutdown>();
    }

    /// <summary>Binds the section and checks its data annotations at start: a bad setting stops the node before it serves anyone.</summary>
    private static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(IServiceCollection services, IConfiguration configuration, string sectionName)
        where TOptions : class =>
        services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(sectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
}
