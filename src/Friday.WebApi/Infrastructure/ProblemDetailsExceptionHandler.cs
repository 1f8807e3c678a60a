using System.Text.Json;
using FluentValidation;
using Friday.Application.Common.Exceptions;
using Friday.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Friday.WebApi.Infrastructure;

/// <summary>
/// Client errors leave as RFC 9457 problem details from here; an unavailable dependency from
/// <see cref="UnavailableExceptionHandler"/>, which runs first.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException validation => new HttpValidationProblemDetails(
                validation.Errors
                    .GroupBy(e => JsonNamingPolicy.SnakeCaseLower.ConvertName(e.PropertyName))
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
            },
            BadHttpRequestException badRequest => Problem(badRequest.StatusCode, "The request could not be read.", badRequest.Message),
            NotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found.", notFound.Message),
            ConcurrencyConflictException conflict => Problem(StatusCodes.Status409Conflict, "The entity was changed meanwhile.", conflict.Message),
            DomainException domain => Problem(StatusCodes.Status409Conflict, "The request conflicts with the entity's state.", domain.Message),
            _ => null,
        };

        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
