using System.Reflection;
using FluentValidation;
using Friday.Application.Common.Behaviours;
using Friday.Application.Common.Events;
using Friday.Application.Common.Interfaces;
using Friday.Application.Realtime;
using Friday.Domain.Common;
using MediatR;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class DependencyInjection
{
    /// <summary>
    /// Registers MediatR, the pipeline (logging, then validation), every handler, validator and snapshot
    /// mapper, and one <c>data_changed</c> handler per owned entity type. Pass the assemblies of
    /// extensions so that their handlers and entity types are found too.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, params Assembly[] extensionAssemblies)
    {
        ArgumentNullException.ThrowIfNull(extensionAssemblies);
        Assembly[] assemblies = [typeof(DependencyInjection).Assembly, .. extensionAssemblies];

        // MediatR 5.1 has no DI extension: it asks this factory for handlers and behaviours.
        services.AddTransient<ServiceFactory>(sp => sp.GetService!);
        services.AddTransient<IMediator, Mediator>();
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddScoped<IDomainEventDispatcher, DomainEventDispatcher>();
        services.AddSingleton(TimeProvider.System);

        services.Scan(scan => scan
            .FromAssemblies(assemblies)
            .AddClasses(c => c.AssignableToAny(typeof(IRequestHandler<,>), typeof(INotificationHandler<>)).Where(t => !t.IsGenericTypeDefinition), publicOnly: false)
            .AsImplementedInterfaces()
            .WithTransientLifetime()
            .AddClasses(c => c.AssignableTo(typeof(IValidator<>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithSingletonLifetime()
            .AddClasses(c => c.AssignableTo(typeof(ISnapshotMapper<>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithSingletonLifetime());

        AddDataChangedHandlers(services, [typeof(IOwnedEntity).Assembly, .. extensionAssemblies]);
        return services;
    }

    /// <summary>
    /// Makes an owned entity type announce its committed changes as <c>data_changed</c>: raise
    /// <see cref="EntityChanged{TEntity}"/> from the entity, and map it to what REST returns with the
    /// mapper. <see cref="AddApplication"/> does this for every entity type in the scanned assemblies.
    /// </summary>
    public static IServiceCollection AddRealtimeEntity<TEntity, TMapper>(this IServiceCollection services)
        where TEntity : IOwnedEntity
        where TMapper : class, ISnapshotMapper<TEntity>
    {
        services.TryAddSingleton<ISnapshotMapper<TEntity>, TMapper>();
        AddDataChangedPublisher(services, typeof(TEntity));
        return services;
    }

    private static void AddDataChangedHandlers(IServiceCollection services, Assembly[] entityAssemblies)
    {
        var entityTypes = entityAssemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IOwnedEntity).IsAssignableFrom(t));
        foreach (var entityType in entityTypes)
        {
            AddDataChangedPublisher(services, entityType);
        }
    }

    /// <summary>Once per entity type, however often asked: two publishers would announce each change twice.</summary>
    private static void AddDataChangedPublisher(IServiceCollection services, Type entityType)
    {
        var notification = typeof(DomainEventNotification<>).MakeGenericType(typeof(EntityChanged<>).MakeGenericType(entityType));
        services.TryAddEnumerable(ServiceDescriptor.Transient(
            typeof(INotificationHandler<>).MakeGenericType(notification),
            typeof(DataChangedPublisher<>).MakeGenericType(entityType)));
    }
}
